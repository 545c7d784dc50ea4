/**
 * OpenTelemetry tracing for every SDK client: a span per call and per attempt, HTTP client
 * semantic conventions. Start at {@link uk.nhs.sdk.opentelemetry.NhsTracing}.
 */
package uk.nhs.sdk.opentelemetry;
