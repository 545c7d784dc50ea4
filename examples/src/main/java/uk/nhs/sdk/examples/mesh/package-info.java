/**
 * {@code nhs mesh}: MESH handshake, send, inbox, receive, acknowledge, tracking and lookup, and
 * MESH's step of {@code nhs demo}.
 */
package uk.nhs.sdk.examples.mesh;
