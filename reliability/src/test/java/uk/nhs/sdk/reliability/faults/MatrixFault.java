package uk.nhs.sdk.reliability.faults;

import java.time.Duration;
import uk.nhs.sdk.testkit.SandboxFault;

/**
 * The fault matrix's columns: the sixteen faults, each as the testkit injects it into the
 * next matching request (a refused connection through a {@link uk.nhs.sdk.testkit.ClosedPort}
 * instead, as no request can carry it).
 */
enum MatrixFault {
    CONNECTION_REFUSED("connection refused", null),
    RESET_BEFORE_RESPONSE(
            "reset before the response", SandboxFault.connectionReset().afterProcessing()),
    RESET_MID_BODY("reset mid-body", SandboxFault.resetMidBody()),
    SLOW_HEADERS("slow headers", SandboxFault.slowHeaders(FaultMatrixTest.SLOW_HEADERS)),
    SLOW_BODY("slow body", SandboxFault.slowBody(FaultMatrixTest.SLOW_BODY_PIECE, FaultMatrixTest.SLOW_BODY_INTERVAL)),
    TOO_MANY_REQUESTS_RETRY_AFTER(
            "429 with Retry-After", SandboxFault.status(429).withRetryAfter(Duration.ofSeconds(1))),
    TOO_MANY_REQUESTS("429 without Retry-After", SandboxFault.status(429)),
    INTERNAL_SERVER_ERROR("500", SandboxFault.status(500)),
    BAD_GATEWAY("502", SandboxFault.status(502)),
    SERVICE_UNAVAILABLE("503", SandboxFault.status(503)),
    GATEWAY_TIMEOUT("504", SandboxFault.status(504)),
    TRUNCATED_JSON("truncated JSON", SandboxFault.malformedJson()),
    WRONG_CONTENT_TYPE("wrong content type", SandboxFault.wrongContentType("text/plain")),
    HTML_ERROR_PAGE("HTML error page", SandboxFault.htmlErrorPage(502)),
    EMPTY_OK("empty 200", SandboxFault.emptyOk()),
    OVERSIZED_BODY("oversized body", SandboxFault.oversizedBody(FaultMatrixTest.MAX_RESPONSE_BYTES * 2));

    private final String label;
    private final SandboxFault fault;

    MatrixFault(String label, SandboxFault fault) {
        this.label = label;
        this.fault = fault;
    }

    String label() {
        return label;
    }

    /** Whether the fault is waited out by the attempt timeout. */
    boolean slow() {
        return this == SLOW_HEADERS || this == SLOW_BODY;
    }

    /** The testkit's fault; {@code null} for a refused connection. */
    SandboxFault fault() {
        return fault;
    }
}
