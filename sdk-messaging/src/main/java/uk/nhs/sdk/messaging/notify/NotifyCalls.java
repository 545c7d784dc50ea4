package uk.nhs.sdk.messaging.notify;

import java.net.URI;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import uk.nhs.sdk.core.CallOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.http.NhsHttpClient;

/**
 * The state a {@link NotifyClient} shares with its views and the calls themselves.
 */
final class NotifyCalls {
    final NhsHttpClient http;
    final NhsClientOptions options;
    final int maxBatchMessages;
    final long maxBatchBytes;

    NotifyCalls(NhsHttpClient http, NhsClientOptions options, int maxBatchMessages, long maxBatchBytes) {
        this.http = http;
        this.options = options;
        this.maxBatchMessages = maxBatchMessages;
        this.maxBatchBytes = maxBatchBytes;
    }

    NotifyCalls withCallOptions(CallOptions o) {
        return new NotifyCalls(http.withCallOptions(o), options, maxBatchMessages, maxBatchBytes);
    }

    void close() {
        http.close();
    }

    URI baseUrl() {
        return http.baseUrl();
    }

    NotifySendResult send(NotifyMessage message) {
        throw new UnsupportedOperationException("not yet");
    }

    NotifyBatchResult sendBatch(UUID routingPlanId, String batchReference, List<NotifyMessage> messages,
            boolean resume) {
        throw new UnsupportedOperationException("not yet");
    }

    NotifyMessageDetails getMessage(String messageId) {
        throw new UnsupportedOperationException("not yet");
    }

    Iterator<NhsAppAccountsPage> accountPages(OdsCode odsCode) {
        throw new UnsupportedOperationException("not yet");
    }
}
