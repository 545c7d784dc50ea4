/**
 * NRL internals: JSON reading and writing. Not API; may change in any release.
 */
package uk.nhs.sdk.records.nrl.internal;
