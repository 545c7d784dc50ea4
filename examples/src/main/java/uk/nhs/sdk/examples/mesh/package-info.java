/**
 * {@code nhs mesh}: MESH handshake, send, inbox, receive, acknowledge, tracking and lookup.
 */
package uk.nhs.sdk.examples.mesh;
