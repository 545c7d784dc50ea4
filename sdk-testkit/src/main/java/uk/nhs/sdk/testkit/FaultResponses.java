package uk.nhs.sdk.testkit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import uk.nhs.sdk.testkit.internal.FakeResponse;
import uk.nhs.sdk.testkit.internal.SandboxContext;

/**
 * Turns a {@link SandboxFault} into the response the server sends: instead of the service's
 * answer, or made from it.
 */
final class FaultResponses {
    private static final String CONTENT_TYPE = "Content-Type";
    private static final String CONTENT_LENGTH = "Content-Length";
    private static final byte[] CUT_OFF_OUTCOME =
            "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                    .getBytes(StandardCharsets.UTF_8);

    private final Path bodyFiles;

    /**
     * Creates the converter.
     *
     * @param dataDirectory the sandbox's data directory, where answers' body files are
     */
    FaultResponses(Path dataDirectory) {
        this.bodyFiles = dataDirectory.resolve(SandboxContext.BODY_FILES);
    }

    /**
     * The response for a fault that replaces the answer.
     *
     * @param fault the fault
     * @return the response
     */
    ResponseDefinition replacing(SandboxFault fault) {
        ResponseDefinitionBuilder b = new ResponseDefinitionBuilder();
        switch (fault.kind()) {
            case RESET:
                return b.withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            case HTML_ERROR_PAGE:
                b.withHeader(CONTENT_TYPE, "text/html; charset=utf-8")
                        .withBody(htmlPage(fault.statusCode().orElseThrow()).getBytes(StandardCharsets.UTF_8));
                break;
            case OVERSIZED_BODY:
                b.withHeader(CONTENT_TYPE, "application/json")
                        .withHeader(FaultBodies.GENERATE, String.valueOf(fault.bytes()));
                break;
            default:
                break;
        }
        b.withStatus(fault.statusCode().orElseThrow());
        fault.retryAfter().ifPresent(d -> b.withHeader("Retry-After", String.valueOf(d.toSeconds())));
        return b.build();
    }

    /**
     * The response for a fault, given the service's answer.
     *
     * @param fault the fault
     * @param answer the service's answer
     * @return the response
     */
    ResponseDefinition after(SandboxFault fault, ResponseDefinition answer) {
        switch (fault.kind()) {
            case SLOW_HEADERS:
                return ResponseDefinitionBuilder.like(answer)
                        .but()
                        .withFixedDelay((int) fault.delay().toMillis())
                        .build();
            case SLOW_BODY:
                return slowBody(fault, answer);
            case TRUNCATED_BODY:
                long length = bodyLength(answer);
                return ResponseDefinitionBuilder.like(answer)
                        .but()
                        .withHeaders(headers(answer, CONTENT_LENGTH, String.valueOf(Math.max(length, 1)))
                                .plus(new HttpHeader(FaultBodies.SEND, String.valueOf(length / 2))))
                        .build();
            case RESET_MID_BODY:
                long whole = bodyLength(answer);
                return ResponseDefinitionBuilder.like(answer)
                        .but()
                        .withHeaders(headers(answer, CONTENT_LENGTH, String.valueOf(Math.max(whole, 1)))
                                .plus(new HttpHeader(FaultBodies.RESET, String.valueOf(whole / 2))))
                        .build();
            case EMPTY_OK:
                HttpHeaders empty = headers(
                        headers(headers(answer, CONTENT_LENGTH, "0"), FakeResponse.GZIP_BODY, null),
                        "Content-Encoding",
                        null);
                return new ResponseDefinitionBuilder()
                        .withStatus(200)
                        .withHeaders(empty)
                        .build();
            case MALFORMED_JSON:
                HttpHeaders h = headers(answer, CONTENT_LENGTH, null);
                if (h.getHeader(CONTENT_TYPE).isPresent()) {
                    h = headers(h, CONTENT_TYPE, h.getHeader(CONTENT_TYPE).firstValue());
                } else {
                    h = headers(h, CONTENT_TYPE, "application/json");
                }
                return new ResponseDefinitionBuilder()
                        .withStatus(200)
                        .withHeaders(h)
                        .withBody(brokenJson(answer))
                        .build();
            case WRONG_CONTENT_TYPE:
                return ResponseDefinitionBuilder.like(answer)
                        .but()
                        .withHeaders(headers(answer, CONTENT_TYPE, fault.contentType()))
                        .build();
            default:
                return replacing(fault);
        }
    }

    private ResponseDefinition slowBody(SandboxFault fault, ResponseDefinition answer) {
        long length = bodyLength(answer);
        if (length == 0) {
            return answer; // nothing to trickle (and the server would complain of a missing body)
        }
        long chunks = (length + fault.bytes() - 1) / fault.bytes();
        long total = fault.delay().toMillis() * chunks;
        if (chunks > Integer.MAX_VALUE || total > Integer.MAX_VALUE) {
            throw new IllegalStateException("the slow body would take longer than the server can wait");
        }
        return ResponseDefinitionBuilder.like(answer)
                .but()
                .withHeaders(headers(answer, CONTENT_LENGTH, null))
                .withChunkedDribbleDelay((int) chunks, (int) total)
                .build();
    }

    /** The first half of a JSON object or array, which cannot parse; else a cut-off outcome. */
    private static byte[] brokenJson(ResponseDefinition answer) {
        byte[] body = answer.specifiesBodyContent() ? answer.getByteBody() : new byte[0];
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.length() >= 2 && (text.startsWith("{") || text.startsWith("["))) {
            return text.substring(0, text.length() / 2).getBytes(StandardCharsets.UTF_8);
        }
        return CUT_OFF_OUTCOME.clone();
    }

    private long bodyLength(ResponseDefinition answer) {
        if (answer.specifiesBodyFile()) {
            try {
                return Files.size(bodyFiles.resolve(answer.getBodyFileName()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the size of the answer's body file", e);
            }
        }
        return answer.specifiesBodyContent() ? answer.getByteBody().length : 0;
    }

    private static HttpHeaders headers(ResponseDefinition answer, String name, String value) {
        return headers(answer.getHeaders() == null ? new HttpHeaders() : answer.getHeaders(), name, value);
    }

    /** The headers with {@code name} replaced by {@code value}, or removed when it is null. */
    private static HttpHeaders headers(HttpHeaders headers, String name, String value) {
        List<HttpHeader> kept = new ArrayList<>();
        for (HttpHeader h : headers.all()) {
            if (!h.keyEquals(name)) {
                kept.add(h);
            }
        }
        if (value != null) {
            kept.add(new HttpHeader(name, Arrays.asList(value)));
        }
        return new HttpHeaders(kept);
    }

    private static String htmlPage(int status) {
        String title = status + " " + reason(status);
        return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    }

    private static String reason(int status) {
        switch (status) {
            case 500:
                return "Internal Server Error";
            case 502:
                return "Bad Gateway";
            case 503:
                return "Service Temporarily Unavailable";
            case 504:
                return "Gateway Time-out";
            case 400:
                return "Bad Request";
            case 403:
                return "Forbidden";
            case 404:
                return "Not Found";
            case 429:
                return "Too Many Requests";
            default:
                return status < 500 ? "Client Error" : "Server Error";
        }
    }
}
