/**
 * Micrometer metrics for every SDK client: a pipeline policy and event listener with bounded tags.
 */
package uk.nhs.sdk.micrometer;
