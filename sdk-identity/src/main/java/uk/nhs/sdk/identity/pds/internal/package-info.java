/**
 * PDS client internals (JSON readers, search and patch rules); not API.
 */
package uk.nhs.sdk.identity.pds.internal;
