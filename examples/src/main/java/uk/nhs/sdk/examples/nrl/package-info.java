/**
 * {@code nhs nrl}: the National Record Locator commands and demo step.
 */
package uk.nhs.sdk.examples.nrl;
