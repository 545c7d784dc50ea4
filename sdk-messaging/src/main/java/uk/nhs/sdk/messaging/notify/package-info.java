/**
 * NHS Notify: {@link uk.nhs.sdk.messaging.notify.NotifyClient} sends single messages and batches
 * of any size (split within the 45,000-message and 5.2 MB limits), reads message statuses and
 * lists NHS App accounts; {@link uk.nhs.sdk.messaging.notify.NotifyCallbackVerifier} verifies and
 * reads the callbacks NHS Notify sends, with a
 * {@link uk.nhs.sdk.messaging.notify.NotifyCallbackStore} (in memory:
 * {@link uk.nhs.sdk.messaging.notify.NotifyCallbackDeduplicator}) and
 * {@link uk.nhs.sdk.messaging.notify.NotifyStatusTracker} for duplicated and out-of-order delivery.
 */
package uk.nhs.sdk.messaging.notify;
