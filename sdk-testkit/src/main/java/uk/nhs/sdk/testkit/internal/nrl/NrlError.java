package uk.nhs.sdk.testkit.internal.nrl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import uk.nhs.sdk.testkit.internal.Json;

/**
 * A refusal the NRL fake answers with: an HTTP status and an OperationOutcome shaped like the
 * specs' 4XX examples ({@code details.coding} from {@code Spine-ErrorOrWarningCode}, and
 * {@code diagnostics}).
 */
final class NrlError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final String SYSTEM = "https://fhir.nhs.uk/CodeSystem/Spine-ErrorOrWarningCode";

    final int status;
    final String issueCode;
    final String code;
    final String display;
    final String diagnostics;
    final String system;

    NrlError(int status, String issueCode, String code, String display, String diagnostics) {
        this(status, issueCode, code, display, diagnostics, SYSTEM);
    }

    NrlError(int status, String issueCode, String code, String display, String diagnostics, String system) {
        super(code, null, false, false);
        this.system = system;
        this.status = status;
        this.issueCode = issueCode;
        this.code = code;
        this.display = display;
        this.diagnostics = diagnostics;
    }

    static NrlError badRequest(String diagnostics) {
        return new NrlError(400, "invalid", "BAD_REQUEST", "Bad request", diagnostics);
    }

    static NrlError invalidParameter(String diagnostics) {
        return new NrlError(400, "invalid", "INVALID_PARAMETER", "Invalid parameter", diagnostics);
    }

    static NrlError notWellFormed() {
        return new NrlError(
                400,
                "invalid",
                "MESSAGE_NOT_WELL_FORMED",
                "Message not well formed",
                "Request body could not be parsed");
    }

    static NrlError invalidResource(String diagnostics) {
        return new NrlError(400, "value", "INVALID_RESOURCE", "Invalid validation of resource", diagnostics);
    }

    static NrlError notFound() {
        return new NrlError(
                404,
                "not-found",
                "RESOURCE_NOT_FOUND",
                "Resource not found",
                "The requested DocumentReference could not be found");
    }

    static NrlError forbidden(String diagnostics) {
        return new NrlError(403, "forbidden", "ACCESS_DENIED", "Access Denied", diagnostics);
    }

    String body() {
        return outcome("error", issueCode, system, code, display, diagnostics);
    }

    static String outcome(
            String severity, String issueCode, String system, String code, String display, String diagnostics) {
        ObjectNode oo = Json.object();
        oo.put("resourceType", "OperationOutcome");
        ObjectNode issue = oo.putArray("issue").addObject();
        issue.put("severity", severity);
        issue.put("code", issueCode);
        ObjectNode coding = issue.putObject("details").putArray("coding").addObject();
        coding.put("system", system);
        if (!system.contains("NRLF")) {
            coding.put("version", "1");
        }
        coding.put("code", code);
        coding.put("display", display);
        issue.put("diagnostics", diagnostics);
        return Json.write(oo);
    }
}
