/**
 * The National Record Locator (NRL v3): {@link uk.nhs.sdk.records.nrl.NrlConsumerClient} finds
 * where a patient's records are held; {@link uk.nhs.sdk.records.nrl.NrlProducerClient} publishes
 * and maintains the pointers; {@link uk.nhs.sdk.records.nrl.DocumentReference} is a pointer, built
 * and checked against NRL's rules before any call.
 */
package uk.nhs.sdk.records.nrl;
