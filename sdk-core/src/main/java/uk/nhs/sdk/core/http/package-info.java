/**
 * The HTTP pipeline every service client is built on: requests, responses, the transport (one
 * connection pool per SDK instance), TLS, and idempotency-aware retries.
 *
 * <p>These types are the SDK's own; no OkHttp, Jackson or resilience4j type appears here.
 */
package uk.nhs.sdk.core.http;
