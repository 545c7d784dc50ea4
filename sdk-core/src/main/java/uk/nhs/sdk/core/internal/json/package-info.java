/**
 * JSON internals shared by the SDK's modules; not API.
 */
package uk.nhs.sdk.core.internal.json;
