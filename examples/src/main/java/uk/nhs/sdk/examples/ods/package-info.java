/**
 * {@code nhs ods get|search|mirror} and the demo's ODS step.
 */
package uk.nhs.sdk.examples.ods;
