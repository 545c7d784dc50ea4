package uk.nhs.sdk.core.fhir;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * A FHIR {@code OperationOutcome}: the error (or warning) body of every NHS FHIR API.
 *
 * <p>The NHS error code (for example {@code INVALID_RESOURCE_ID}) is in the first issue's
 * {@code details.coding[0].code}; see {@link #errorCode()}. {@code diagnostics} can echo the
 * caller's input, so it is available from {@link Issue#diagnostics()} but never printed by
 * {@code toString()} or copied into exception messages.
 */
public final class OperationOutcome {
    private final String resourceType;
    private final List<Issue> issue;

    @JsonCreator
    private OperationOutcome(
            @JsonProperty("resourceType") String resourceType, @JsonProperty("issue") List<Issue> issue) {
        this.resourceType = resourceType;
        this.issue = List.copyOf(issue == null ? List.of() : issue);
    }

    /**
     * Creates an outcome.
     *
     * @param issues the issues
     * @return the outcome
     */
    public static OperationOutcome of(List<Issue> issues) {
        return new OperationOutcome("OperationOutcome", issues);
    }

    /**
     * Reads an {@code OperationOutcome} from JSON.
     *
     * @param json the body
     * @return the outcome, or empty when the bytes are not JSON, not of that shape, or another
     *     resource type (the parser's own message, which may quote the body, is discarded)
     */
    public static Optional<OperationOutcome> parse(byte[] json) {
        if (json == null || json.length == 0) {
            return Optional.empty();
        }
        try {
            OperationOutcome oo = uk.nhs.sdk.core.internal.json.Json.read(json, OperationOutcome.class);
            return oo != null
                            && oo.resourceType().map("OperationOutcome"::equals).orElse(false)
                    ? Optional.of(oo)
                    : Optional.empty();
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The resource type as read ({@code OperationOutcome} for a real one).
     *
     * @return the resource type
     */
    public Optional<String> resourceType() {
        return Optional.ofNullable(resourceType);
    }

    /**
     * The issues.
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<Issue> issues() {
        return issue;
    }

    /**
     * The NHS error code: the first {@code details.coding[].code} of the first issue that has one.
     *
     * @return the code, such as {@code INVALID_RESOURCE_ID}
     */
    public Optional<String> errorCode() {
        return issue.stream()
                .map(Issue::details)
                .flatMap(Optional::stream)
                .map(CodeableConcept::firstCode)
                .flatMap(Optional::stream)
                .findFirst();
    }

    @Override
    public String toString() {
        return "OperationOutcome" + issue;
    }

    /**
     * One issue of an outcome.
     */
    public static final class Issue {
        private final String severity;
        private final String code;
        private final CodeableConcept details;
        private final String diagnostics;
        private final List<String> expression;

        @JsonCreator
        private Issue(
                @JsonProperty("severity") String severity,
                @JsonProperty("code") String code,
                @JsonProperty("details") CodeableConcept details,
                @JsonProperty("diagnostics") String diagnostics,
                @JsonProperty("expression") List<String> expression) {
            this.severity = severity;
            this.code = code;
            this.details = details;
            this.diagnostics = diagnostics;
            this.expression = expression == null ? List.of() : List.copyOf(expression);
        }

        /**
         * Creates an issue.
         *
         * @param severity {@code fatal}, {@code error}, {@code warning} or {@code information}
         * @param code the FHIR issue type, such as {@code invalid} or {@code not-found}
         * @param details the NHS-specific details, or {@code null}
         * @param diagnostics free text, or {@code null}
         * @return the issue
         */
        public static Issue of(String severity, String code, CodeableConcept details, String diagnostics) {
            return new Issue(severity, code, details, diagnostics, null);
        }

        /**
         * The severity.
         *
         * @return the severity
         */
        public Optional<String> severity() {
            return Optional.ofNullable(severity);
        }

        /**
         * The FHIR issue type code.
         *
         * @return the code, such as {@code invalid}
         */
        public Optional<String> code() {
            return Optional.ofNullable(code);
        }

        /**
         * The NHS details (error code and display).
         *
         * @return the details
         */
        public Optional<CodeableConcept> details() {
            return Optional.ofNullable(details);
        }

        /**
         * The diagnostics text. It can echo input, including patient data: never log it.
         *
         * @return the diagnostics
         */
        public Optional<String> diagnostics() {
            return Optional.ofNullable(diagnostics);
        }

        /**
         * The FHIRPath expressions the issue refers to.
         *
         * @return an unmodifiable list, possibly empty
         */
        public List<String> expression() {
            return expression;
        }

        @Override
        public String toString() {
            return "Issue[severity=" + severity + ", code=" + code + ", details=" + details + "]";
        }
    }
}
