/**
 * The FHIR R4 basics every NHS FHIR API shares: {@code OperationOutcome}, {@code Bundle},
 * {@code Identifier}, {@code Reference}, {@code Coding} and {@code CodeableConcept}.
 *
 * <p>None of these types prints identifiers, references or diagnostics in {@code toString()}.
 */
package uk.nhs.sdk.core.fhir;
