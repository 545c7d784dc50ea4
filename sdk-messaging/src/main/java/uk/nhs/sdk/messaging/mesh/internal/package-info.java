/**
 * Implementation details of the MESH client: the NHSMESH auth header, the error decoder,
 * input validation, chunk splitting and spooling, and the lazy chunked download stream. Not API.
 */
package uk.nhs.sdk.messaging.mesh.internal;
