/**
 * Record lookup: the National Record Locator and the ODS FHIR API.
 */
package uk.nhs.sdk.records;
