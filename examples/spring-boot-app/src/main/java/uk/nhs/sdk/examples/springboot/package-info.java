/**
 * A small Spring Boot service on the SDK's starter: {@code GET /patients/{nhsNumber}} looks a
 * patient up in PDS, {@code POST /mesh/messages} sends a MESH message, and the actuator shows the
 * SDK's health and metrics. Everything is configured in {@code application.yaml}; with the
 * {@code sandbox} profile (the default) the app runs against the embedded sandbox.
 */
package uk.nhs.sdk.examples.springboot;
