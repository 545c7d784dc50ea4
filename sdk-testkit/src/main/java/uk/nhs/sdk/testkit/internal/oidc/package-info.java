/**
 * The fake OpenID Connect identity providers, CIS2 and NHS login; internal.
 */
package uk.nhs.sdk.testkit.internal.oidc;
