/**
 * {@code nhs demo}: the tour of every service against the embedded sandbox, and the modules of the
 * API Platform's auth step and of MESH's command and step.
 */
package uk.nhs.sdk.examples.demo;
