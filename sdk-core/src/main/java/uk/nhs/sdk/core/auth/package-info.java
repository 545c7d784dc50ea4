/**
 * Authentication: the {@link uk.nhs.sdk.core.auth.AuthProvider} SPI, called once per attempt,
 * and its implementations for API keys, bearer tokens and the API Platform's signed JWT.
 */
package uk.nhs.sdk.core.auth;
