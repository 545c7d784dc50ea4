package uk.nhs.sdk.testkit.internal.pds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import uk.nhs.sdk.testkit.internal.Json;

/**
 * A refusal the PDS fake answers with: an HTTP status and an OperationOutcome built from the PDS
 * sandbox's own error body for the code ({@code errors/<CODE>.json} beside this class), its
 * {@code #(diagnostics)} placeholder filled as PDS fills it.
 */
final class PdsError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final String SYSTEM = "https://fhir.nhs.uk/R4/CodeSystem/Spine-ErrorOrWarningCode";
    private static final Map<String, String> TEMPLATES = new ConcurrentHashMap<>();
    private static final Map<String, String> DISPLAYS = Map.of(
            "ACCESS_DENIED", "Access Denied - Unauthorised",
            "UNSUPPORTED_VALUE", "Unsupported value",
            "SERVICE_UNAVAILABLE", "Service unavailable");

    final int status;
    final String code;
    final String diagnostics;
    private final String issueCode;
    private final String display;

    PdsError(int status, String code, String diagnostics) {
        this(status, code, null, null, diagnostics);
    }

    /**
     * A refusal whose issue code and display the proxy sets itself (the access-mode refusals).
     *
     * @param status the status
     * @param code the Spine code
     * @param issueCode the issue's {@code code}, or {@code null} for the template's
     * @param display the coding's display, or {@code null} for the template's
     * @param diagnostics the diagnostics, or {@code null} for none
     */
    PdsError(int status, String code, String issueCode, String display, String diagnostics) {
        super(code, null, false, false);
        this.status = status;
        this.code = code;
        this.issueCode = issueCode;
        this.display = display;
        this.diagnostics = diagnostics;
    }

    static PdsError badRequest(String code, String diagnostics) {
        return new PdsError(400, code, diagnostics);
    }

    /** The OperationOutcome body. */
    String body() {
        ObjectNode oo = template(code);
        ObjectNode issue = (ObjectNode) oo.get("issue").get(0);
        if (diagnostics == null) {
            issue.remove("diagnostics");
        } else {
            issue.put("diagnostics", diagnostics);
        }
        JsonNode coding = issue.path("details").path("coding").path(0);
        if (coding.isObject() && display != null) {
            ((ObjectNode) coding).put("display", display);
        } else if (coding.isObject() && coding.path("display").asText("").startsWith("#(")) {
            ((ObjectNode) coding).put("display", DISPLAYS.getOrDefault(code, code));
        }
        if (issueCode != null) {
            issue.put("code", issueCode);
        }
        return Json.write(oo);
    }

    private static ObjectNode template(String code) {
        String text = TEMPLATES.computeIfAbsent(code, PdsError::load);
        try {
            return (ObjectNode) Json.tree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String load(String code) {
        try (InputStream in = PdsError.class.getResourceAsStream("errors/" + code + ".json")) {
            if (in != null) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode oo = Json.object();
        oo.put("resourceType", "OperationOutcome");
        ArrayNode issues = oo.putArray("issue");
        ObjectNode issue = issues.addObject();
        issue.put("severity", "error");
        issue.put("code", "value");
        ObjectNode coding = issue.putObject("details").putArray("coding").addObject();
        coding.put("system", SYSTEM);
        coding.put("version", "1");
        coding.put("code", code);
        coding.put("display", DISPLAYS.getOrDefault(code, code));
        issue.put("diagnostics", "#(diagnostics)");
        return Json.write(oo);
    }
}
