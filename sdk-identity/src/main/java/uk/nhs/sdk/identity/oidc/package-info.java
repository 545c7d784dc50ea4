/**
 * User sign-in: OpenID Connect relying-party clients for CIS2 (staff) and NHS login (patients),
 * ID-token validation with typed failures, and the API Platform's user-restricted access tokens
 * (token exchange, RFC 8693, and the platform's combined {@code /oauth2/authorize} flow) as
 * {@link uk.nhs.sdk.core.auth.AuthProvider}s for any client.
 *
 * <p>Start with {@link uk.nhs.sdk.identity.oidc.OidcClient}; see the module README for the
 * happy path of each provider.
 */
package uk.nhs.sdk.identity.oidc;
