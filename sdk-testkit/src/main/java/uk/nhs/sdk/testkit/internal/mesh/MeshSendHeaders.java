package uk.nhs.sdk.testkit.internal.mesh;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The metadata a sender gives on {@code POST /outbox}, validated as MESH does: lengths (FastAPI
 * validation, 400), control characters and URLs (400 {@code MalformedControlFile}, code 06) and
 * checksum characters (400 {@code Invalid checksum}).
 *
 * @param to the recipient, upper case
 * @param workflowId the workflow
 * @param chunkRange the {@code mex-Chunk-Range} value, if sent
 * @param subject the subject
 * @param localId the sender's local id
 * @param partnerId the partner id
 * @param fileName the file name
 * @param checksum the sender's checksum
 * @param contentType {@code mex-Content-Type}, else {@code Content-Type}
 * @param compressed {@code mex-Content-Compressed} as sent
 * @param encrypted {@code mex-Content-Encrypted} as sent
 */
record MeshSendHeaders(
        String to,
        String workflowId,
        Optional<String> chunkRange,
        Optional<String> subject,
        Optional<String> localId,
        Optional<String> partnerId,
        Optional<String> fileName,
        Optional<String> checksum,
        Optional<String> contentType,
        Optional<String> compressed,
        Optional<String> encrypted) {

    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1f]");
    private static final Pattern URL = Pattern.compile("^https?://", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHECKSUM = Pattern.compile("[A-Za-z0-9\\s:/-]*");

    /** Header name (lower case), maximum length. */
    private static final String[][] LIMITS = {
        {"mex-to", "100"},
        {"mex-workflowid", "300"},
        {"mex-chunk-range", "20"},
        {"mex-subject", "500"},
        {"mex-localid", "300"},
        {"mex-partnerid", "500"},
        {"mex-filename", "300"},
        {"mex-content-encrypted", "20"},
        {"mex-content-compressed", "20"},
        {"mex-content-checksum", "100"},
        {"mex-content-type", "100"},
    };

    static MeshSendHeaders parse(MeshCall call) {
        List<MeshErrors.Invalid> problems = new ArrayList<>();
        for (String required : List.of("mex-to", "mex-workflowid")) {
            if (call.header(required).isEmpty()) {
                problems.add(MeshErrors.Invalid.missing("header", required));
            }
        }
        for (String[] limit : LIMITS) {
            int max = Integer.parseInt(limit[1]);
            call.header(limit[0])
                    .filter(v -> v.length() > max)
                    .ifPresent(v -> problems.add(new MeshErrors.Invalid(
                            "string_too_long",
                            "header",
                            limit[0],
                            "String should have at most " + max + " characters")));
        }
        if (!problems.isEmpty()) {
            throw MeshErrors.invalid(problems);
        }
        List<String> bad = new ArrayList<>();
        for (String[] limit : LIMITS) {
            call.header(limit[0]).filter(v -> CONTROL.matcher(v).find()).ifPresent(v -> bad.add(limit[0]));
        }
        for (String h : List.of("mex-to", "mex-workflowid", "mex-content-checksum")) {
            call.header(h).filter(v -> URL.matcher(v).find()).ifPresent(v -> bad.add(h));
        }
        if (!bad.isEmpty()) {
            throw MeshErrors.malformed(call.apiVersion(), bad);
        }
        Optional<String> checksum = call.header("mex-content-checksum");
        if (checksum.isPresent() && !CHECKSUM.matcher(checksum.get().strip()).matches()) {
            throw MeshErrors.refuse(400, call.apiVersion(), MeshError.INVALID_CHECKSUM);
        }
        Optional<String> contentType = call.header("mex-content-type")
                .filter(v -> !v.isBlank())
                .or(() -> call.header("content-type").filter(v -> !v.isBlank()));
        return new MeshSendHeaders(
                call.header("mex-to").orElseThrow().strip().toUpperCase(Locale.ROOT),
                call.header("mex-workflowid").orElseThrow().strip(),
                nonBlank(call, "mex-chunk-range"),
                nonBlank(call, "mex-subject"),
                nonBlank(call, "mex-localid"),
                nonBlank(call, "mex-partnerid"),
                nonBlank(call, "mex-filename"),
                checksum.filter(v -> !v.isBlank()),
                contentType,
                flag(call, "mex-content-compressed"),
                flag(call, "mex-content-encrypted"));
    }

    private static Optional<String> nonBlank(MeshCall call, String name) {
        return call.header(name).filter(v -> !v.isBlank());
    }

    /** A MESH boolean as sent, normalised to {@code Y} or {@code N}; absent when not sent or not a boolean. */
    private static Optional<String> flag(MeshCall call, String name) {
        return call.header(name).map(v -> v.strip().toLowerCase(Locale.ROOT)).flatMap(v -> switch (v) {
            case "y", "yes", "t", "true", "on", "1" -> Optional.of("Y");
            case "n", "no", "f", "false", "off", "0" -> Optional.of("N");
            default -> Optional.empty();
        });
    }

    /** Headers for a report: only the workflow, local id and subject of the message it is about. */
    static MeshSendHeaders forReport(MeshMessage about) {
        return new MeshSendHeaders(
                about.sender.map(MeshDirectory.Mailbox::id).orElse(""),
                about.headers.workflowId(),
                Optional.empty(),
                about.headers.subject(),
                about.headers.localId(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }
}
