package uk.nhs.sdk.messaging.notify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.nhs.sdk.core.fhir.CodeableConcept;
import uk.nhs.sdk.core.fhir.Coding;
import uk.nhs.sdk.core.fhir.OperationOutcome;
import uk.nhs.sdk.core.http.ErrorDecoder;
import uk.nhs.sdk.core.http.NhsHeaders;
import uk.nhs.sdk.messaging.notify.NotifyError;

/**
 * Reads NHS Notify's JSON:API error bodies ({@code {"errors":[{"id","code","status","title",
 * "detail","source":{"pointer"}}]}}) into the first error's code, and carries every entry to
 * {@link NotifyErrors} inside an {@link OperationOutcome} (the core's one carrier for a parsed
 * error body): one issue per entry, with the code, title, status and id in the issue's coding and
 * the pointer in its expression. The {@code detail} text is dropped here: it can echo request
 * values. Never throws. Internal.
 */
public final class NotifyErrorDecoder implements ErrorDecoder {
    /** The shared instance (stateless). */
    public static final NotifyErrorDecoder INSTANCE = new NotifyErrorDecoder();
    /** The coding system marking an issue as a carried JSON:API error. */
    static final String SYSTEM = "https://digital.nhs.uk/developer/api-catalogue/nhs-notify";

    private static final int MAX_ERRORS = 100;

    private NotifyErrorDecoder() {}

    @Override
    public ErrorInfo decode(int status, NhsHeaders headers, byte[] body) {
        try {
            List<NotifyError> errors = parse(body);
            if (errors.isEmpty()) {
                return ErrorInfo.none();
            }
            List<OperationOutcome.Issue> issues = new ArrayList<>(errors.size());
            for (NotifyError e : errors) {
                issues.add(OperationOutcome.Issue.of(
                        "error",
                        "processing",
                        CodeableConcept.of(List.of(coding(e)), e.pointer().orElse(null)),
                        null));
            }
            String code = errors.get(0).code();
            return ErrorInfo.of(code.isEmpty() ? null : code, OperationOutcome.of(issues));
        } catch (RuntimeException e) {
            return ErrorInfo.none();
        }
    }

    private static Coding coding(NotifyError e) {
        // the system marks the carrier; after its "#" come the entry's status and id, separated by a space
        String version = e.status().orElse("") + " " + e.id().orElse("");
        return Coding.of(SYSTEM + "#" + version, e.code(), e.title());
    }

    /**
     * Reads the entries of an error body.
     *
     * @param body the body
     * @return the entries (at most 100), empty when the body is not JSON:API errors
     */
    public static List<NotifyError> parse(byte[] body) {
        Optional<JsonNode> root = NotifyJson.object(body);
        JsonNode arr = root.map(r -> r.get("errors")).orElse(null);
        if (arr == null || !arr.isArray()) {
            return List.of();
        }
        List<NotifyError> out = new ArrayList<>();
        for (JsonNode n : arr) {
            if (!n.isObject() || out.size() >= MAX_ERRORS) {
                continue;
            }
            String code = NotifyJson.text(n, "code")
                    .filter(NotifyErrorDecoder::codeLike)
                    .orElse("");
            String title =
                    NotifyJson.text(n, "title").filter(t -> t.length() <= 200).orElse("");
            Optional<String> pointer = NotifyJson.child(n, "source")
                    .flatMap(s -> NotifyJson.text(s, "pointer"))
                    .filter(p -> p.length() <= 500);
            Optional<String> st = NotifyJson.textOrNumber(n, "status").filter(s -> s.matches("[0-9]{3}"));
            Optional<String> id = NotifyJson.text(n, "id").filter(s -> s.matches("[A-Za-z0-9._-]{1,200}"));
            out.add(new NotifyError(code, title, pointer, st, id));
        }
        return List.copyOf(out);
    }

    private static boolean codeLike(String s) {
        return s.length() <= 100 && !s.isBlank();
    }
}
