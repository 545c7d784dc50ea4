/**
 * The API Platform OAuth2 fake; internal.
 */
package uk.nhs.sdk.testkit.internal.oauth;
