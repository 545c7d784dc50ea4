/**
 * {@code nhs notify}: NHS Notify send, batch, status, NHS App accounts and callback verification,
 * and NHS Notify's step of {@code nhs demo}.
 */
package uk.nhs.sdk.examples.notify;
