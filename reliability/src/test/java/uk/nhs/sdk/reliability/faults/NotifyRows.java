package uk.nhs.sdk.reliability.faults;

import java.util.List;
import java.util.UUID;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.auth.BearerTokenAuth;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.messaging.notify.NotifyBatchResult;
import uk.nhs.sdk.messaging.notify.NotifyClient;
import uk.nhs.sdk.messaging.notify.NotifyMessage;
import uk.nhs.sdk.messaging.notify.NotifySendResult;
import uk.nhs.sdk.messaging.notify.RoutingPlan;

/** NHS Notify's operations. */
final class NotifyRows {
    static final String FAMILY = "NHS Notify";
    private static final NhsNumber RECIPIENT = NhsNumber.parse("9990548609");

    private NotifyRows() {}

    static List<MatrixRow> rows() {
        return List.of(
                new MatrixRow(FAMILY, "send one message", "POST", ".*/v1/messages", Idempotency.KEYED, cell -> {
                    try (NotifyClient notify = client(cell, true)) {
                        cell.arm();
                        NotifySendResult r = notify.send(message());
                        if (r.alreadyAccepted()) {
                            cell.note("already accepted");
                        }
                        PdsRows.check(r.messageId().isPresent() || r.alreadyAccepted(), "the message's id");
                    }
                }),
                new MatrixRow(FAMILY, "send a batch", "POST", ".*/v1/message-batches", Idempotency.KEYED, cell -> {
                    try (NotifyClient notify = client(cell, true)) {
                        cell.arm();
                        NotifyBatchResult r = notify.sendBatch(
                                RoutingPlan.NHS_APP.id(), UUID.randomUUID().toString(), List.of(message(), message()));
                        if (r.results().stream().anyMatch(NotifySendResult::alreadyAccepted)) {
                            cell.note("already accepted");
                        }
                        PdsRows.check(r.results().size() == 2, "both messages accepted");
                    }
                }),
                new MatrixRow(FAMILY, "message status", "GET", ".*/v1/messages/[^/]+", Idempotency.SAFE, cell -> {
                    String id;
                    try (NotifyClient setup = client(cell, false)) {
                        id = setup.send(message()).messageId().orElseThrow();
                    }
                    try (NotifyClient notify = client(cell, true)) {
                        cell.arm();
                        PdsRows.check(notify.getMessage(id).id().equals(id), "the message's status");
                    }
                }));
    }

    private static NotifyMessage message() {
        return NotifyMessage.builder(RECIPIENT)
                .routingPlan(RoutingPlan.NHS_APP)
                .messageReference(UUID.randomUUID().toString())
                .personalisation("body", "Your appointment is on Monday at 10:00.")
                .build();
    }

    private static NotifyClient client(Cell cell, boolean underTest) {
        return NotifyClient.builder()
                .baseUrl(cell.sandbox().apiBaseUrl("comms"))
                .options(underTest ? cell.options() : Cell.setupOptions())
                .auth(BearerTokenAuth.of(cell.fixtures()::appTokenUnchecked))
                .build();
    }
}
