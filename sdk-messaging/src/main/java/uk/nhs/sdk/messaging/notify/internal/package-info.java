/**
 * The NHS Notify client's internals: JSON reading and writing, batch splitting, the error
 * decoder and input rules. Not API: may change in any release.
 */
package uk.nhs.sdk.messaging.notify.internal;
