/**
 * The ODS FHIR R4 API fake: organisations from the specification's examples, the NRL sandbox's
 * custodians and generated ones; searches, paging, affiliations, deletion lists and a change feed
 * a test drives through {@link uk.nhs.sdk.testkit.SandboxOds}.
 */
package uk.nhs.sdk.testkit.internal.ods;
