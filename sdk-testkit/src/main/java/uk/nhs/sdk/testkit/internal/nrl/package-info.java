/**
 * The National Record Locator fake: consumer and producer APIs over one store of pointers.
 */
package uk.nhs.sdk.testkit.internal.nrl;
