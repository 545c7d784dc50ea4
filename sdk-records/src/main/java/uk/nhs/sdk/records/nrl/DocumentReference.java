package uk.nhs.sdk.records.nrl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.records.nrl.internal.NrlJson;

/**
 * An NRL pointer: a FHIR R4 {@code DocumentReference} saying where a patient's record of some type
 * is held, by whom ({@code custodian}), and how to retrieve it ({@code content}). Immutable;
 * {@link #toString()} never shows the NHS number or the record's URL.
 *
 * <p>Build one to create, supersede or update a pointer; {@link Builder#build()} refuses, before
 * any call, a pointer missing what NRL requires or breaking its rules:
 *
 * <pre>{@code
 * DocumentReference pointer = DocumentReference.builder()
 *     .type(PointerType.MENTAL_HEALTH_CRISIS_PLAN)
 *     .category(PointerCategory.CARE_PLAN)
 *     .subject(NhsNumber.parse("9000000017"))
 *     .custodian(OdsCode.of("Y05868"))
 *     .author(OdsCode.of("Y05868"))
 *     .content(PointerContent.builder()
 *         .url("ssp://provider.example.nhs.uk/plans/123.pdf").contentType("application/pdf")
 *         .format(ContentFormat.UNSTRUCTURED).stability(ContentStability.STATIC)
 *         .retrievalMechanism(RetrievalMechanism.SSP).build())
 *     .context(PointerContext.builder().practiceSetting("788002001", "Adult mental health service")
 *         .relatedAsid("200000000610").build())
 *     .build();
 * }</pre>
 *
 * <p>A pointer read from NRL keeps every field as it came, including ones this class does not
 * model ({@link #rawJson()}); {@link #toBuilder()} carries them into an update.
 */
public final class DocumentReference {
    /** NRL's pattern for a pointer id, such as {@code Y05868-1234567892}. */
    public static final String ID_PATTERN = "[A-Za-z0-9\\-\\.]{1,64}";
    /** The pointer status NRL accepts. */
    public static final String STATUS_CURRENT = "current";

    final ObjectNode raw;
    final String id;
    final String status;
    final String docStatus;
    final PointerType type;
    final List<PointerCategory> categories;
    final String subjectValue;
    final String custodian;
    final List<String> authors;
    final String date;
    final String description;
    final List<PointerContent> content;
    final PointerContext context;
    final List<RelatesTo> relatesTo;

    DocumentReference(PointerFields f) {
        this.raw = f.raw;
        this.id = f.id;
        this.status = f.status;
        this.docStatus = f.docStatus;
        this.type = f.type;
        this.categories = List.copyOf(f.categories);
        this.subjectValue = f.subjectValue;
        this.custodian = f.custodian;
        this.authors = List.copyOf(f.authors);
        this.date = f.date;
        this.description = f.description;
        this.content = List.copyOf(f.content);
        this.context = f.context;
        this.relatesTo = List.copyOf(f.relatesTo);
    }

    /**
     * Starts a builder for a new pointer.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder(new PointerFields(NrlJson.object()));
    }

    /**
     * A builder holding this pointer's values and every field it came with: change what you need
     * and build an update.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        return new Builder(new PointerFields(this));
    }

    /**
     * Parses a pointer from its JSON, as NRL sends it (for example one stored earlier from
     * {@link #rawJson()}).
     *
     * @param json a {@code DocumentReference} resource
     * @return the pointer
     * @throws NhsValidationException when the text is not a DocumentReference with a type
     */
    public static DocumentReference fromJson(String json) {
        Objects.requireNonNull(json, "json");
        try {
            return PointerJson.read(NrlJson.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NrlJson.InvalidJson e) {
            throw new NhsValidationException("json", "must be an NRL DocumentReference: " + e.getMessage());
        }
    }

    /**
     * The id NRL gave the pointer: the custodian's ODS code, a dash, and a unique part.
     *
     * @return the id; empty for a pointer not yet created
     */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /**
     * The pointer's status.
     *
     * @return {@value #STATUS_CURRENT} for every pointer NRL holds
     */
    public String status() {
        return status;
    }

    /**
     * The status of the record pointed to ({@code docStatus}).
     *
     * @return for example {@code final} or {@code preliminary}, when present
     */
    public Optional<String> docStatus() {
        return Optional.ofNullable(docStatus);
    }

    /**
     * The type of the record pointed to.
     *
     * @return the type
     */
    public PointerType type() {
        return type;
    }

    /**
     * The categories of the record pointed to.
     *
     * @return an unmodifiable list, possibly empty for a malformed pointer
     */
    public List<PointerCategory> categories() {
        return categories;
    }

    /**
     * The patient the record is about ({@code subject.identifier}).
     *
     * @return the NHS number, when the pointer carries a valid one
     */
    public Optional<NhsNumber> subject() {
        return subjectValue != null && NhsNumber.isValid(subjectValue)
                ? Optional.of(NhsNumber.parse(subjectValue))
                : Optional.empty();
    }

    /**
     * The ODS code of the organisation that holds the record and maintains the pointer.
     *
     * @return the code as sent, when present
     */
    public Optional<String> custodian() {
        return Optional.ofNullable(custodian);
    }

    /**
     * The custodian as an {@link OdsCode}.
     *
     * @return the code, when present and well formed
     */
    public Optional<OdsCode> custodianOdsCode() {
        return custodian != null && custodian.strip().matches("[A-Za-z0-9]{3,12}")
                ? Optional.of(OdsCode.of(custodian))
                : Optional.empty();
    }

    /**
     * The authors' identifiers ({@code author[].identifier.value}), normally ODS codes.
     *
     * @return an unmodifiable list
     */
    public List<String> authors() {
        return authors;
    }

    /**
     * When NRL created the pointer ({@code date}), as sent.
     *
     * @return the FHIR dateTime, when present
     */
    public Optional<String> date() {
        return Optional.ofNullable(date);
    }

    /**
     * The description of the record.
     *
     * @return the text, when present
     */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /**
     * Where and how the record can be retrieved.
     *
     * @return an unmodifiable list
     */
    public List<PointerContent> content() {
        return content;
    }

    /**
     * The clinical context.
     *
     * @return the context, when present
     */
    public Optional<PointerContext> context() {
        return Optional.ofNullable(context);
    }

    /**
     * The relations to other pointers ({@code relatesTo}); on a create, {@code replaces} supersedes.
     *
     * @return an unmodifiable list
     */
    public List<RelatesTo> relatesTo() {
        return relatesTo;
    }

    /**
     * The pointer as JSON: as received for a pointer read from NRL, as it will be sent for one
     * built. Holds the NHS number: do not log it.
     *
     * @return the {@code DocumentReference} JSON
     */
    public String rawJson() {
        return NrlJson.write(PointerJson.write(this));
    }

    /**
     * The id, type and custodian only (no NHS number, no URL).
     *
     * @return for example {@code DocumentReference[id=Y05868-1234567892, type=736253002, custodian=Y05868]}
     */
    @Override
    public String toString() {
        return "DocumentReference[id=" + (id == null ? "(new)" : id) + ", type=" + (type == null ? "?" : type.code())
                + ", custodian=" + (custodian == null ? "?" : custodian) + "]";
    }

    /**
     * Builds a {@link DocumentReference}, checking NRL's rules for a pointer it will accept.
     */
    public static final class Builder {
        private final PointerFields f;

        private Builder(PointerFields f) {
            this.f = f;
        }

        /**
         * Sets the id (for an update: the id of the pointer to replace in place).
         *
         * @param value the id, such as {@code Y05868-1234567892}
         * @return this builder
         * @throws NhsValidationException when the id breaks NRL's id pattern
         */
        public Builder id(String value) {
            f.id = PointerRules.checkId("id", value);
            return this;
        }

        /**
         * Sets the type of the record; it must be one your organisation was onboarded for.
         *
         * @param value the type
         * @return this builder
         */
        public Builder type(PointerType value) {
            f.type = Objects.requireNonNull(value, "type");
            return this;
        }

        /**
         * Adds a category (at least one is required).
         *
         * @param value the category
         * @return this builder
         */
        public Builder category(PointerCategory value) {
            f.categories.add(Objects.requireNonNull(value, "category"));
            return this;
        }

        /**
         * Removes every category.
         *
         * @return this builder
         */
        public Builder clearCategories() {
            f.categories.clear();
            return this;
        }

        /**
         * Sets the patient.
         *
         * @param value the patient's NHS number
         * @return this builder
         */
        public Builder subject(NhsNumber value) {
            f.subjectValue = Objects.requireNonNull(value, "subject").value();
            return this;
        }

        /**
         * Sets the custodian: the organisation holding the record; the new id starts with its code.
         *
         * @param value the ODS code
         * @return this builder
         */
        public Builder custodian(OdsCode value) {
            f.custodian = Objects.requireNonNull(value, "custodian").value();
            return this;
        }

        /**
         * Sets the author (NRL takes exactly one).
         *
         * @param value the author's ODS code
         * @return this builder
         */
        public Builder author(OdsCode value) {
            f.authors.clear();
            f.authors.add(Objects.requireNonNull(value, "author").value());
            return this;
        }

        /**
         * Sets the description of the record.
         *
         * @param value the text (no patient details: NRL shows it to every consumer)
         * @return this builder
         */
        public Builder description(String value) {
            f.description = Objects.requireNonNull(value, "description");
            return this;
        }

        /**
         * Sets the status of the record pointed to.
         *
         * @param value {@code preliminary}, {@code final}, {@code amended} or {@code entered-in-error}
         * @return this builder
         * @throws NhsValidationException for any other value
         */
        public Builder docStatus(String value) {
            Objects.requireNonNull(value, "docStatus");
            if (!value.matches("entered-in-error|amended|preliminary|final")) {
                throw new NhsValidationException(
                        "docStatus", "must be preliminary, final, amended or entered-in-error");
            }
            f.docStatus = value;
            return this;
        }

        /**
         * Adds a content element (at least one is required).
         *
         * @param value the content
         * @return this builder
         */
        public Builder content(PointerContent value) {
            f.content.add(Objects.requireNonNull(value, "content"));
            return this;
        }

        /**
         * Removes every content element.
         *
         * @return this builder
         */
        public Builder clearContent() {
            f.content.clear();
            return this;
        }

        /**
         * Sets the clinical context (required).
         *
         * @param value the context
         * @return this builder
         */
        public Builder context(PointerContext value) {
            f.context = Objects.requireNonNull(value, "context");
            return this;
        }

        /**
         * Supersedes a pointer when this one is created ({@code relatesTo} {@code replaces}); the
         * old pointer's subject and type must match this one's.
         *
         * @param pointerId the id of the pointer to replace
         * @return this builder
         * @throws NhsValidationException when the id breaks NRL's id pattern
         */
        public Builder replaces(String pointerId) {
            f.relatesTo.add(RelatesTo.replaces(pointerId));
            return this;
        }

        /**
         * Removes every relation.
         *
         * @return this builder
         */
        public Builder clearRelatesTo() {
            f.relatesTo.clear();
            return this;
        }

        /**
         * Builds the pointer.
         *
         * @return the pointer
         * @throws NhsValidationException naming the first rule broken: type, category, subject,
         *     custodian, author, content (URL, MIME type, format, stability extension, {@code ssp://}
         *     for the Spine Secure Proxy) and context (practice setting, and the ASID when any
         *     content is retrieved through the Spine Secure Proxy) are required
         */
        public DocumentReference build() {
            f.status = STATUS_CURRENT;
            return PointerRules.checkWritable(new DocumentReference(f));
        }
    }
}
