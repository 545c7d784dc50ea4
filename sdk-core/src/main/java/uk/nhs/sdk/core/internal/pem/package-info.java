/**
 * PEM parsing internals; not API.
 */
package uk.nhs.sdk.core.internal.pem;
