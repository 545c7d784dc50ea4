package uk.nhs.sdk.testkit.internal.ods;

import com.fasterxml.jackson.databind.node.ObjectNode;
import uk.nhs.sdk.testkit.internal.Json;

/**
 * An error the fake answers with, in the shape of the ODS API's HAPI FHIR OperationOutcomes.
 */
final class OdsError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    private final String issueCode;
    private final String diagnostics;

    OdsError(int status, String issueCode, String diagnostics) {
        super(diagnostics, null, false, false);
        this.status = status;
        this.issueCode = issueCode;
        this.diagnostics = diagnostics;
    }

    static OdsError notKnown(String type, String id) {
        return new OdsError(404, "processing", "HAPI-2001: Resource " + type + "/" + id + " is not known");
    }

    static OdsError unknownParameter(String name, String type) {
        return new OdsError(
                400,
                "processing",
                "HAPI-0524: Unknown search parameter \"" + name + "\" for resource type \""
                        + type + "\". Valid search parameters for this search are: "
                        + new java.util.TreeSet<>(OdsQuery.ORGANIZATION_PARAMETERS));
    }

    static OdsError badDate(String value) {
        return new OdsError(400, "processing", "HAPI-1940: Invalid date/time format: \"" + value + "\"");
    }

    static OdsError methodNotAllowed(String method) {
        return new OdsError(405, "processing", "HAPI-0427: HTTP Method " + method + " is not allowed for this path");
    }

    static OdsError tooCostly() {
        return new OdsError(422, "too-costly", "Too many records requested (Use _count and _offset)");
    }

    static OdsError accessDenied() {
        return new OdsError(401, "security", "Access Denied");
    }

    String body() {
        ObjectNode oo = Json.object();
        oo.put("resourceType", "OperationOutcome");
        oo.putObject("text")
                .put("status", "generated")
                .put("div", "<div xmlns=\"http://www.w3.org/1999/xhtml\"><h1>Operation Outcome</h1></div>");
        ObjectNode issue = oo.putArray("issue").addObject();
        issue.put("severity", "error").put("code", issueCode).put("diagnostics", diagnostics);
        return Json.write(oo);
    }
}
