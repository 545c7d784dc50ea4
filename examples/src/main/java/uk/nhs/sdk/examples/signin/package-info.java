/**
 * {@code nhs login} and {@code nhs token exchange}: user sign-in with CIS2 and NHS login and the
 * API Platform token exchange, and the demo's sign-in step.
 */
package uk.nhs.sdk.examples.signin;
