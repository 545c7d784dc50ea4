/**
 * {@code nhs pds}: the Personal Demographics Service commands and the demo's PDS step.
 */
package uk.nhs.sdk.examples.pds;
