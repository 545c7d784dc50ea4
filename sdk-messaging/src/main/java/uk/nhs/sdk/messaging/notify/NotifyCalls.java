package uk.nhs.sdk.messaging.notify;

import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import uk.nhs.sdk.core.CallOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.core.http.NhsHttpClient;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsRequestBody;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.messaging.notify.internal.BatchPlan;
import uk.nhs.sdk.messaging.notify.internal.EarlierAttempts;
import uk.nhs.sdk.messaging.notify.internal.NotifyErrors;
import uk.nhs.sdk.messaging.notify.internal.NotifyValidation;
import uk.nhs.sdk.messaging.notify.internal.RequestBodies;
import uk.nhs.sdk.messaging.notify.internal.Responses;

/**
 * The state a {@link NotifyClient} shares with its views, and the calls themselves.
 */
final class NotifyCalls {
    /** 425 proves NHS Notify did not take the request yet (the original is still processing). */
    private static final int TOO_EARLY = 425;

    final NhsHttpClient http;
    final NhsClientOptions options;
    final EarlierAttempts attempts;
    final int maxBatchMessages;
    final long maxBatchBytes;

    NotifyCalls(
            NhsHttpClient http,
            NhsClientOptions options,
            EarlierAttempts attempts,
            int maxBatchMessages,
            long maxBatchBytes) {
        this.http = http;
        this.options = options;
        this.attempts = attempts;
        this.maxBatchMessages = maxBatchMessages;
        this.maxBatchBytes = maxBatchBytes;
    }

    NotifyCalls withCallOptions(CallOptions o) {
        return new NotifyCalls(
                http.withCallOptions(Objects.requireNonNull(o, "options")),
                options,
                attempts,
                maxBatchMessages,
                maxBatchBytes);
    }

    void close() {
        http.close();
    }

    URI baseUrl() {
        return http.baseUrl();
    }

    // ------------------------------------------------------------------ send

    NotifySendResult send(NotifyMessage message) {
        Objects.requireNonNull(message, "message");
        UUID plan = message.routingPlanId()
                .orElseThrow(() -> new NhsValidationException("routingPlanId", "is required to send a message"));
        NotifyValidation.freeText("personalisation", plan, message.personalisation());
        byte[] body = RequestBodies.single(plan, message);
        NhsRequest request = NhsRequest.builder("POST", "/v1/messages")
                .body(NhsRequestBody.ofBytes(body, NotifyClient.MEDIA_TYPE))
                .idempotency(Idempotency.KEYED)
                .reconcileId(message.messageReference())
                .retryOnStatus(TOO_EARLY)
                .build();
        attempts.watch(request);
        try (NhsResponse r = http.execute(request)) {
            Responses.Created c = Responses.created(r);
            return new NotifySendResult(Optional.of(c.id()), message.messageReference(), false);
        } catch (NhsServiceException e) {
            if (NotifyErrors.isDuplicate(e) && attempts.finish(request)) {
                return new NotifySendResult(Optional.empty(), message.messageReference(), true);
            }
            throw NotifyErrors.convert(e);
        } finally {
            attempts.finish(request);
        }
    }

    // ------------------------------------------------------------------ batch

    NotifyBatchResult sendBatch(
            UUID routingPlanId, String batchReference, List<NotifyMessage> messages, boolean resume) {
        Objects.requireNonNull(routingPlanId, "routingPlanId");
        NotifyValidation.reference(
                "batchReference", batchReference, NotifyValidation.MAX_REFERENCE - NotifyValidation.PART_SUFFIX);
        Objects.requireNonNull(messages, "messages");
        for (int i = 0; i < messages.size(); i++) {
            NotifyMessage m = Objects.requireNonNull(messages.get(i), "messages[" + i + "]");
            if (m.routingPlanId().filter(p -> !p.equals(routingPlanId)).isPresent()) {
                throw new NhsValidationException(
                        "messages[" + i + "].routingPlanId", "must be the batch's routing plan, or unset");
            }
            NotifyValidation.freeText("messages[" + i + "].personalisation", routingPlanId, m.personalisation());
        }
        BatchPlan plan = BatchPlan.of(routingPlanId, batchReference, messages, maxBatchMessages, maxBatchBytes);
        List<NotifyBatchPart> accepted = new ArrayList<>(plan.parts().size());
        List<NotifySendResult> results = new ArrayList<>(messages.size());
        for (BatchPlan.Part part : plan.parts()) {
            try {
                accepted.add(sendPart(plan, part, messages, results, resume));
            } catch (NhsSdkException e) {
                List<NotifyBatchPart> unsent = new ArrayList<>();
                for (BatchPlan.Part p :
                        plan.parts().subList(part.number(), plan.parts().size())) {
                    unsent.add(describe(p, Optional.empty(), false));
                }
                throw new NotifyBatchException(accepted, describe(part, Optional.empty(), false), unsent, results, e);
            }
        }
        return new NotifyBatchResult(batchReference, accepted, results);
    }

    private NotifyBatchPart sendPart(
            BatchPlan plan,
            BatchPlan.Part part,
            List<NotifyMessage> messages,
            List<NotifySendResult> results,
            boolean resume) {
        NhsRequest request = NhsRequest.builder("POST", "/v1/message-batches")
                .body(NhsRequestBody.ofBytes(plan.body(part), NotifyClient.MEDIA_TYPE))
                .idempotency(Idempotency.KEYED)
                .reconcileId(part.reference())
                .retryOnStatus(TOO_EARLY)
                .build();
        List<NotifyMessage> mine = messages.subList(part.first(), part.first() + part.count());
        attempts.watch(request);
        try (NhsResponse r = http.execute(request)) {
            Responses.BatchCreated c = Responses.batchCreated(r);
            for (NotifyMessage m : mine) {
                results.add(new NotifySendResult(
                        Optional.ofNullable(c.idsByReference().get(m.messageReference())),
                        m.messageReference(),
                        false));
            }
            return describe(part, c.batchId(), false);
        } catch (NhsServiceException e) {
            if (NotifyErrors.isDuplicate(e) && (attempts.finish(request) || resume)) {
                for (NotifyMessage m : mine) {
                    results.add(new NotifySendResult(Optional.empty(), m.messageReference(), true));
                }
                return describe(part, Optional.empty(), true);
            }
            throw NotifyErrors.convert(e);
        } finally {
            attempts.finish(request);
        }
    }

    private static NotifyBatchPart describe(BatchPlan.Part p, Optional<String> id, boolean alreadyAccepted) {
        return new NotifyBatchPart(p.number(), p.reference(), p.first(), p.count(), p.bytes(), id, alreadyAccepted);
    }

    // ------------------------------------------------------------------ status

    NotifyMessageDetails getMessage(String messageId) {
        NotifyValidation.messageId(messageId);
        NhsRequest request = NhsRequest.builder("GET", "/v1/messages/{messageId}")
                .pathParam("messageId", messageId)
                .build();
        try (NhsResponse r = http.execute(request)) {
            return Responses.message(r);
        } catch (NhsServiceException e) {
            throw NotifyErrors.convert(e);
        }
    }

    // ------------------------------------------------------------------ NHS App accounts

    Iterator<NhsAppAccountsPage> accountPages(OdsCode odsCode) {
        return new Iterator<>() {
            private OptionalInt next = OptionalInt.of(1);

            @Override
            public boolean hasNext() {
                return next.isPresent();
            }

            @Override
            public NhsAppAccountsPage next() {
                if (next.isEmpty()) {
                    throw new NoSuchElementException();
                }
                Responses.AccountsPage p = accountsPage(odsCode, next.getAsInt());
                next = p.nextPage();
                return p.page();
            }
        };
    }

    private Responses.AccountsPage accountsPage(OdsCode odsCode, int page) {
        NhsRequest request = NhsRequest.builder("GET", "/channels/nhsapp/accounts")
                .query("ods-organisation-code", odsCode.value())
                .query("page", Integer.toString(page))
                .build();
        try (NhsResponse r = http.execute(request)) {
            return Responses.accounts(r, odsCode, page, http.baseUrl());
        } catch (NhsServiceException e) {
            throw NotifyErrors.convert(e);
        }
    }
}
