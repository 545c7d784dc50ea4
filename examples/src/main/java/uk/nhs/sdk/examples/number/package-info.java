/**
 * {@code nhs number}: check, format and generate NHS numbers.
 */
package uk.nhs.sdk.examples.number;
