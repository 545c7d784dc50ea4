package uk.nhs.sdk.messaging.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.testing.LogGuard;

/**
 * Every error code the spec documents, for each operation, becomes the right typed exception with
 * every {@code errors[]} entry's code, title and pointer, and never the {@code detail} text.
 */
class NotifyErrorsTest extends NotifyWireMockTestBase {
    private static final UUID PLAN = UUID.fromString("b838b13c-f98c-4def-93f0-515d4e4f4ee1");

    static List<String> errorFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(NotifyErrorsTest.class.getResource("/notify/errors").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void everyDocumentedCodeHasAFixture() throws Exception {
        List<String> files = errorFiles();
        assertThat(files).hasSize(74);
        for (String code : List.of(
                "CM_MISSING_VALUE",
                "CM_NULL_VALUE",
                "CM_INVALID_VALUE",
                "CM_INVALID_NHS_NUMBER",
                "CM_DUPLICATE_VALUE",
                "CM_TOO_FEW_ITEMS",
                "CM_ODS_CODE_REQUIRED",
                "CM_CANNOT_SET_ODS_CODE",
                "CM_DENIED",
                "CM_FORBIDDEN",
                "CM_SERVICE_BAN",
                "CM_NOT_FOUND",
                "CM_NO_SUCH_ROUTING_PLAN",
                "CM_NOT_ALLOWED",
                "CM_NOT_ACCEPTABLE",
                "CM_TIMEOUT",
                "CM_TOO_LARGE",
                "CM_TOO_MANY_ITEMS",
                "CM_UNSUPPORTED_MEDIA",
                "CM_DUPLICATE_REQUEST",
                "CM_RETRY_TOO_EARLY",
                "CM_QUOTA",
                "CM_INTERNAL_SERVER_ERROR",
                "CM_ROUTING_PLAN_DUPLICATE_TEMPLATES",
                "CM_MISSING_ROUTING_PLAN_TEMPLATE",
                "CM_BAD_GATEWAY",
                "CM_SERVICE_UNAVAILABLE",
                "CM_INVALID_REQUEST")) {
            assertThat(files).as(code).anyMatch(f -> f.endsWith("-" + code + ".json"));
        }
    }

    @ParameterizedTest
    @MethodSource("errorFiles")
    void everyDocumentedErrorBecomesATypedException(String file) throws Exception {
        String[] parts = file.replace(".json", "").split("-", 3);
        String operation = parts[0];
        int status = Integer.parseInt(parts[1]);
        String code = parts[2];
        String body = resource("errors/" + file);
        JsonNode entry = JSON.readTree(body).path("errors").get(0);
        String detail = entry.path("detail").asText();
        server.stubFor(any(anyUrl()).willReturn(jsonApi(status, body)));

        Throwable thrown;
        try (NotifyClient notify =
                builder().options(options().retry(RetryOptions.none()).build()).build()) {
            thrown = catchThrowable(() -> call(notify, operation));
        }
        if (operation.equals("batch")) {
            assertThat(thrown).isInstanceOf(NotifyBatchException.class);
            assertThat(((NotifyBatchException) thrown).acceptedParts()).isEmpty();
            thrown = thrown.getCause();
        }
        assertThat(thrown).isInstanceOf(NotifyRequestException.class);
        NotifyRequestException e = (NotifyRequestException) thrown;
        Class<?> expected = code.equals("CM_DUPLICATE_REQUEST")
                ? NotifyDuplicateRequestException.class
                : status == 425 || status == 429 ? NotifyRetryLaterException.class : NotifyRequestException.class;
        assertThat(e).isExactlyInstanceOf(expected);
        assertThat(e).isInstanceOf(NhsServiceException.class);
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.errorCode()).contains(code);
        assertThat(e.getMessage()).startsWith("NHS Notify " + status + " " + code);
        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.code()).isEqualTo(code);
            assertThat(err.title()).isEqualTo(entry.path("title").asText());
            assertThat(err.status()).contains(Integer.toString(status));
            assertThat(err.id()).contains(entry.path("id").asText());
            assertThat(err.pointer().orElse(""))
                    .isEqualTo(entry.path("source").path("pointer").asText(""));
        });
        if (!detail.isEmpty()) {
            assertThat(e.getMessage()).doesNotContain(detail);
            assertThat(e.errors().toString()).doesNotContain(detail);
        }
        assertRequestsConform();
    }

    private static void call(NotifyClient notify, String operation) {
        switch (operation) {
            case "send":
                notify.send(NotifyMessage.builder(PATIENT).routingPlanId(PLAN).build());
                break;
            case "batch":
                notify.sendBatch(
                        PLAN, "b", List.of(NotifyMessage.builder(PATIENT).build()));
                break;
            case "get":
                notify.getMessage("2WL3qFTEFM0qMY8xjRbt1LIKCzM");
                break;
            case "accounts":
                notify.nhsAppAccounts(OdsCode.of("T00001")).iterator().next();
                break;
            default:
                throw new IllegalArgumentException(operation);
        }
    }

    @Test
    void everyEntryOfAManyErrorBodyIsKeptAndDetailTextThatEchoesInputNeverLeaks() {
        String secretEmail = "patient.name@example.com";
        LogGuard.forbid(secretEmail);
        String body = "{\"errors\":["
                + "{\"id\":\"rrt-1\",\"code\":\"CM_INVALID_NHS_NUMBER\",\"status\":\"400\",\"title\":\"Invalid nhs number\","
                + "\"detail\":\"9990548609 is not valid\",\"source\":{\"pointer\":\"/data/attributes/messages/0/recipient/nhsNumber\"},"
                + "\"links\":{\"about\":\"x\"},\"meta\":{\"new\":true}},"
                + "{\"id\":\"rrt-2\",\"code\":\"CM_INVALID_VALUE\",\"status\":400,\"title\":\"Invalid value\","
                + "\"detail\":\"" + secretEmail
                + " is not valid\",\"source\":{\"pointer\":\"/data/attributes/messages/1/recipient/contactDetails/email\"}},"
                + "{\"code\":\"CM_MISSING_VALUE\",\"title\":\"Missing value\"}]}";
        server.stubFor(post(urlEqualTo("/comms/v1/messages")).willReturn(jsonApi(400, body)));
        try (NotifyClient notify = client()) {
            Throwable t = catchThrowable(() -> notify.send(
                    NotifyMessage.builder(PATIENT).routingPlanId(PLAN).build()));
            assertThat(t).isInstanceOfSatisfying(NotifyRequestException.class, e -> {
                assertThat(e.errors())
                        .extracting(NotifyError::code)
                        .containsExactly("CM_INVALID_NHS_NUMBER", "CM_INVALID_VALUE", "CM_MISSING_VALUE");
                assertThat(e.errors().get(1).status()).contains("400");
                assertThat(e.errors().get(1).pointer())
                        .contains("/data/attributes/messages/1/recipient/contactDetails/email");
                assertThat(e.errors().get(2).pointer()).isEmpty();
                assertThat(e.errors().get(2).id()).isEmpty();
                assertThat(e.errorCode()).contains("CM_INVALID_NHS_NUMBER");
                assertThat(e.operationOutcome()).isEmpty();
                String everything = e.getMessage() + e + e.errors();
                assertThat(everything).doesNotContain("9990548609", secretEmail, "is not valid");
            });
        }
    }

    @Test
    void aHostileErrorBodyPuttingPatientDataInTheCodeTitleOrPointerIsNotPrinted() {
        String body = "{\"errors\":[{\"id\":\"rrt-1\",\"code\":\"9990548609\",\"status\":\"400\","
                + "\"title\":\"patient.name@example.com is not valid\","
                + "\"source\":{\"pointer\":\"/data/attributes/Jane Smith, 1 High St\"}},"
                + "{\"code\":\"CM_INVALID_VALUE\",\"title\":\"Invalid value\","
                + "\"source\":{\"pointer\":\"/data/attributes/recipient/nhsNumber\"}}]}";
        server.stubFor(post(urlEqualTo("/comms/v1/messages")).willReturn(jsonApi(400, body)));
        try (NotifyClient notify = client()) {
            Throwable t = catchThrowable(() -> notify.send(
                    NotifyMessage.builder(PATIENT).routingPlanId(PLAN).build()));
            assertThat(t).isInstanceOfSatisfying(NotifyRequestException.class, e -> {
                assertThat(e.errors()).hasSize(2);
                String everything = e.getMessage() + e + e.errors();
                assertThat(everything)
                        .doesNotContain("9990548609", "patient.name@example.com", "Jane Smith", "High St")
                        .contains("CM_INVALID_VALUE /data/attributes/recipient/nhsNumber");
            });
        }
    }

    @Test
    void exceptionsSurviveJavaSerialisationWithoutNulls() throws Exception {
        NotifyRequestException e = new NotifyRetryLaterException(
                429,
                "CM_QUOTA",
                List.of(new NotifyError(
                        "CM_QUOTA",
                        "Too many requests",
                        java.util.Optional.empty(),
                        java.util.Optional.of("429"),
                        java.util.Optional.empty())),
                uk.nhs.sdk.core.error.CallDetails.none());
        NotifyBatchPart part = new NotifyBatchPart(2, "b-part-0002", 10, 5, 1234, java.util.Optional.empty(), false);
        NotifyBatchException b = new NotifyBatchException(List.of(), part, List.of(), List.of(), e);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(b);
        }
        try (java.io.ObjectInputStream in =
                new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            NotifyBatchException copy = (NotifyBatchException) in.readObject();
            assertThat(copy.acceptedParts()).isEmpty();
            assertThat(copy.unsentParts()).isEmpty();
            assertThat(copy.acceptedResults()).isEmpty();
            assertThat(copy.failedPart().reference()).isEqualTo("b-part-0002");
            assertThat(copy.failedPart().messageCount()).isEqualTo(5);
            assertThat(((NotifyRequestException) copy.failure()).errors()).isEmpty();
            assertThat(((NotifyRequestException) copy.failure()).errorCode()).contains("CM_QUOTA");
        }
    }

    @Test
    void aNonJsonErrorBodyStillGivesTheStatus() {
        server.stubFor(post(urlEqualTo("/comms/v1/messages"))
                .willReturn(jsonApi(500, "<html>oops 9990548609</html>").withHeader("Content-Type", "text/html")));
        try (NotifyClient notify =
                builder().options(options().retry(RetryOptions.none()).build()).build()) {
            Throwable t = catchThrowable(() -> notify.send(
                    NotifyMessage.builder(PATIENT).routingPlanId(PLAN).build()));
            assertThat(t).isInstanceOfSatisfying(NotifyRequestException.class, e -> {
                assertThat(e.status()).isEqualTo(500);
                assertThat(e.errors()).isEmpty();
                assertThat(e.errorCode()).isEmpty();
                assertThat(e.getMessage()).doesNotContain("9990548609", "oops");
            });
        }
    }
}
