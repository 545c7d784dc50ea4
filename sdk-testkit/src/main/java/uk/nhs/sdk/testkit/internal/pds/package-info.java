/**
 * The Personal Demographics Service fake of the embedded sandbox; not API.
 */
package uk.nhs.sdk.testkit.internal.pds;
