/**
 * The HTTP pipeline's internals (OkHttp, resilience4j); not API.
 */
package uk.nhs.sdk.core.internal.http;
