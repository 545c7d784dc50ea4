/**
 * Implementation details of the ODS client and mirror: JSON reading, next-link checks, the
 * mirror's files and checkpoint. Not API; may change in any release.
 */
package uk.nhs.sdk.records.ods.internal;
