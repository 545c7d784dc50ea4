/**
 * Internals of the {@code nhs} tool; not API.
 */
package uk.nhs.sdk.examples.internal;
