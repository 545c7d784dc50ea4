/**
 * Authentication internals; not API.
 */
package uk.nhs.sdk.core.internal.auth;
