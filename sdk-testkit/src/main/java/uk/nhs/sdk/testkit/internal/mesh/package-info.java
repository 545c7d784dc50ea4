/**
 * The MESH API v2 fake: mailboxes, the NHSMESH authorisation check, the message store on disk,
 * and the request handling; internal.
 */
package uk.nhs.sdk.testkit.internal.mesh;
