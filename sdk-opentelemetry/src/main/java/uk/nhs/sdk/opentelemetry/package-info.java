/**
 * OpenTelemetry tracing for every SDK client: a span per call and per attempt, HTTP client semantic conventions.
 */
package uk.nhs.sdk.opentelemetry;
