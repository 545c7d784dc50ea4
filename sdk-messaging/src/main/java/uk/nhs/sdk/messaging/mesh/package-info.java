/**
 * The MESH (Message Exchange for Social Care and Health) API v2 client.
 *
 * <p>{@link uk.nhs.sdk.messaging.mesh.MeshClient} sends (streamed, chunked, optionally gzipped),
 * lists, receives (lazily, chunk by chunk), acknowledges and tracks messages, authenticating each
 * attempt with the NHSMESH HMAC header over mutual TLS. {@link uk.nhs.sdk.messaging.mesh.MeshInboxPoller}
 * drains the inbox with at-least-once delivery: a message is acknowledged only after the
 * application's handler returned normally.
 */
package uk.nhs.sdk.messaging.mesh;
