/**
 * The ODS FHIR R4 API ("Organisation Data Terminology API"): read an organisation by its ODS
 * code, search organisations, follow affiliations, read the deletion lists, and keep a local
 * mirror ({@link uk.nhs.sdk.records.ods.OdsMirror}) that answers lookups offline.
 */
package uk.nhs.sdk.records.ods;
