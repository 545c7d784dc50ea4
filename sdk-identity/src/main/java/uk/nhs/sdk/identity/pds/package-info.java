/**
 * The Personal Demographics Service (PDS) FHIR R4 client: {@link uk.nhs.sdk.identity.pds.PdsClient}
 * retrieves a patient (with superseded-number detection), searches with PDS's rules checked
 * before any call, updates with JSON Patch and version checks, and lists related people.
 *
 * <p>The model ({@link uk.nhs.sdk.identity.pds.Patient} and its parts) is immutable and prints
 * no patient data in {@code toString()}.
 */
package uk.nhs.sdk.identity.pds;
