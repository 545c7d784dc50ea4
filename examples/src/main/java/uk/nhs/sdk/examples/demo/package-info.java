/**
 * {@code nhs demo}: the tour of every service against the embedded sandbox, its step interface
 * and context, and the module of its first step, the API Platform's auth.
 */
package uk.nhs.sdk.examples.demo;
