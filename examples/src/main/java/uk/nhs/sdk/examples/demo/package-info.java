/**
 * {@code nhs demo}: the tour of every service against the embedded sandbox.
 */
package uk.nhs.sdk.examples.demo;
