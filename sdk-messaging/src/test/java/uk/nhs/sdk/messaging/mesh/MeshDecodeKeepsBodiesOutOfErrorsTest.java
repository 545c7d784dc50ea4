package uk.nhs.sdk.messaging.mesh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.testing.LogGuard;

/**
 * A MESH body that cannot be read never reaches an exception chain: an inbox answer once put a
 * patient's name and NHS number into a Jackson parse exception, the cause of the SDK's decode
 * exception. Every decode failure is an {@link NhsDecodeException} whose whole chain (messages,
 * {@code toString()}, causes, suppressed) is free of the body.
 */
class MeshDecodeKeepsBodiesOutOfErrorsTest extends MeshWireMockTestBase {
    /** A fake patient: the NHS number is a valid test number, so LogGuard also fails any log line with it. */
    private static final String NHS_NUMBER = "9434765919";

    private static final String NAME = "Jane Smithfield";
    private static final Map<String, String> MALFORMED = Map.of(
            "unquoted", "{\"messages\":[" + NAME + " " + NHS_NUMBER + "]}",
            "truncated", "{\"messages\":[\"ABC\"],\"patient\":{\"name\":\"" + NAME + "\",\"nhs\":\"" + NHS_NUMBER,
            "bad token", "{\"messages\":[\"ABC\"], \"note\": " + NAME + "-" + NHS_NUMBER + "}",
            "html", "<html><body>Dear " + NAME + " (" + NHS_NUMBER + ")</body></html>");

    @BeforeEach
    void forbidThePatient() {
        LogGuard.forbid(NAME);
        LogGuard.forbid(NHS_NUMBER);
    }

    private static void stub(String path, String body) {
        server.stubFor(get(urlPathMatching(path))
                .willReturn(aResponse().withHeader("content-type", ACCEPT_V2).withBody(body)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unquoted", "truncated", "bad token", "html"})
    void aMalformedInboxAnswerIsADecodeErrorWithoutTheBodyAnywhereInItsChain(String kind) {
        stub("/messageexchange/X26ABC1/inbox", MALFORMED.get(kind));

        Throwable e = catchThrowable(() -> client().inbox());

        assertThat(e).isInstanceOf(NhsDecodeException.class).hasNoCause();
        assertChainFreeOfThePatient(e);
    }

    @Test
    void everyJsonAnswerOfTheClientKeepsTheBodyOutOfItsErrors() {
        String body = MALFORMED.get("unquoted");
        stub("/messageexchange/X26ABC1/inbox", body);
        stub("/messageexchange/X26ABC1/count", body);
        stub("/messageexchange/X26ABC1/outbox/tracking", body);
        stub("/messageexchange/X26ABC1/outbox/tracking/[^/]+", body);
        stub("/messageexchange/endpointlookup/.*", body);
        stub("/messageexchange/workflowsearch/.*", body);
        MeshClient mesh = client();
        List<Consumer<MeshClient>> calls = List.of(
                MeshClient::inbox,
                MeshClient::inboxCount,
                m -> m.track("ABC"),
                m -> m.trackByLocalId("local-1"),
                m -> m.lookup(OdsCode.of("X26"), "TEST_WORKFLOW"),
                m -> m.workflowSearch("TEST_WORKFLOW"),
                m -> m.inboxMessageIds(MeshInboxQuery.all()).iterator().hasNext(),
                m -> m.receiveAll(MeshMessage::accept));
        List<Throwable> errors = new ArrayList<>();
        for (Consumer<MeshClient> call : calls) {
            errors.add(catchThrowable(() -> call.accept(mesh)));
        }

        assertThat(errors).hasSize(8).allSatisfy(e -> {
            assertThat(e).isInstanceOf(NhsDecodeException.class).hasNoCause();
            assertChainFreeOfThePatient(e);
        });
    }

    @Test
    void anUnreadableSendAnswerGivesAnUnknownOutcomeWithoutTheBody() {
        server.stubFor(post(urlPathEqualTo("/messageexchange/X26ABC1/outbox"))
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("content-type", "application/json")
                        .withBody(MALFORMED.get("unquoted"))));

        Throwable e = catchThrowable(() -> client().send(
                        MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW").build(), new byte[] {1}));

        assertThat(e)
                .isInstanceOfSatisfying(
                        NhsTransportException.class,
                        t -> assertThat(t.outcomeUnknown()).isTrue());
        assertThat(e.getCause()).isInstanceOf(NhsDecodeException.class).hasNoCause();
        assertChainFreeOfThePatient(e);
    }

    /** Walks causes and suppressed exceptions: no message or toString may hold the name or number. */
    private static void assertChainFreeOfThePatient(Throwable top) {
        List<Throwable> todo = new ArrayList<>(List.of(top));
        int seen = 0;
        while (!todo.isEmpty()) {
            Throwable t = todo.remove(0);
            seen++;
            for (String text : new String[] {t.getMessage(), t.getLocalizedMessage(), t.toString()}) {
                assertThat(String.valueOf(text))
                        .as(t.getClass().getName())
                        .doesNotContain(NAME)
                        .doesNotContain(NHS_NUMBER)
                        .doesNotContain("Smithfield");
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            todo.addAll(List.of(t.getSuppressed()));
            assertThat(seen).as("the chain ends").isLessThan(50);
        }
    }
}
