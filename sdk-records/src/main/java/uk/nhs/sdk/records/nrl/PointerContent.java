package uk.nhs.sdk.records.nrl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.fhir.Coding;
import uk.nhs.sdk.records.nrl.internal.NrlJson;

/**
 * One {@code content[]} of a pointer: where the record is ({@code attachment.url}), its MIME type,
 * its format, whether it is static or dynamic, and how to retrieve it. Immutable.
 *
 * <pre>{@code
 * PointerContent pdf = PointerContent.builder()
 *     .url("ssp://provider.example.nhs.uk/plans/123.pdf")
 *     .contentType("application/pdf")
 *     .format(ContentFormat.UNSTRUCTURED)
 *     .stability(ContentStability.STATIC)
 *     .retrievalMechanism(RetrievalMechanism.SSP)
 *     .build();
 * }</pre>
 */
public final class PointerContent {
    private static final String STABILITY_URL = ContentStability.EXTENSION_URL;
    private static final String RETRIEVAL_URL = RetrievalMechanism.EXTENSION_URL;

    private final ObjectNode raw;
    private final String url;
    private final String contentType;
    private final String creation;
    private final String title;
    private final Coding format;
    private final String stabilityCode;
    private final String retrievalCode;

    private PointerContent(
            ObjectNode raw,
            String url,
            String contentType,
            String creation,
            String title,
            Coding format,
            String stabilityCode,
            String retrievalCode) {
        this.raw = raw;
        this.url = url;
        this.contentType = contentType;
        this.creation = creation;
        this.title = title;
        this.format = format;
        this.stabilityCode = stabilityCode;
        this.retrievalCode = retrievalCode;
    }

    /**
     * Starts a builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder(NrlJson.object());
    }

    /**
     * A builder holding this content's values (and any field this class does not model).
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(raw.deepCopy());
        b.url = url;
        b.contentType = contentType;
        b.creation = creation;
        b.title = title;
        b.format = format;
        b.stabilityCode = stabilityCode;
        b.retrievalCode = retrievalCode;
        return b;
    }

    /**
     * The record's location ({@code attachment.url}): {@code ssp://...} for retrieval through the
     * Spine Secure Proxy.
     *
     * @return the URL, when present
     */
    public Optional<String> url() {
        return Optional.ofNullable(url);
    }

    /**
     * The record's MIME type ({@code attachment.contentType}).
     *
     * @return for example {@code application/pdf}, when present
     */
    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    /**
     * When the record was created ({@code attachment.creation}), as sent.
     *
     * @return the FHIR dateTime, when present
     */
    public Optional<String> creation() {
        return Optional.ofNullable(creation);
    }

    /**
     * The record's title ({@code attachment.title}).
     *
     * @return the title, when present
     */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /**
     * The format coding as sent (usually from {@value ContentFormat#SYSTEM}).
     *
     * @return the coding, when present
     */
    public Optional<Coding> format() {
        return Optional.ofNullable(format);
    }

    /**
     * The format as one of NRL's format codes.
     *
     * @return the format, when the coding is one of NRL's
     */
    public Optional<ContentFormat> contentFormat() {
        if (format == null || !ContentFormat.SYSTEM.equals(format.system().orElse(""))) {
            return Optional.empty();
        }
        return format.code().flatMap(ContentFormat::fromCode);
    }

    /**
     * The content-stability extension.
     *
     * @return static or dynamic, when the extension carries one of those
     */
    public Optional<ContentStability> stability() {
        return Optional.ofNullable(stabilityCode).flatMap(ContentStability::fromCode);
    }

    /**
     * The retrieval-mechanism extension.
     *
     * @return the mechanism, when the extension carries one NRL lists
     */
    public Optional<RetrievalMechanism> retrievalMechanism() {
        return Optional.ofNullable(retrievalCode).flatMap(RetrievalMechanism::fromCode);
    }

    /**
     * The retrieval-mechanism code as sent, including one NRL added after this release.
     *
     * @return the code, when the extension is present
     */
    public Optional<String> retrievalMechanismCode() {
        return Optional.ofNullable(retrievalCode);
    }

    /** Whether the record is retrieved through the Spine Secure Proxy (mechanism or URL says so). */
    boolean isSsp() {
        return "SSP".equals(retrievalCode)
                || (url != null && url.toLowerCase(Locale.ROOT).startsWith("ssp://"));
    }

    /** Reads a content element as sent, unchecked. */
    static PointerContent read(JsonNode node) {
        JsonNode attachment = NrlJson.object(node, "attachment").orElse(null);
        Coding format =
                NrlJson.object(node, "format").map(PointerContent::coding).orElse(null);
        return new PointerContent(
                (ObjectNode) node.deepCopy(),
                NrlJson.text(attachment, "url").orElse(null),
                NrlJson.text(attachment, "contentType").orElse(null),
                NrlJson.text(attachment, "creation").orElse(null),
                NrlJson.text(attachment, "title").orElse(null),
                format,
                extensionCode(node, STABILITY_URL),
                extensionCode(node, RETRIEVAL_URL));
    }

    static Coding coding(JsonNode c) {
        return Coding.of(
                NrlJson.text(c, "system")
                        .map(String::strip)
                        .map(PointerContent::trimComma)
                        .orElse(null),
                NrlJson.text(c, "code").orElse(null),
                NrlJson.text(c, "display").orElse(null));
    }

    /** The spec's own examples end one system URL with a stray comma; read past it. */
    private static String trimComma(String s) {
        return s.endsWith(",") ? s.substring(0, s.length() - 1) : s;
    }

    private static String extensionCode(JsonNode node, String url) {
        for (JsonNode ext : NrlJson.objects(node, "extension")) {
            if (url.equals(NrlJson.text(ext, "url").orElse(""))) {
                JsonNode concept = NrlJson.object(ext, "valueCodeableConcept").orElse(null);
                for (JsonNode c : NrlJson.objects(concept, "coding")) {
                    Optional<String> code = NrlJson.text(c, "code");
                    if (code.isPresent()) {
                        return code.get();
                    }
                }
            }
        }
        return null;
    }

    /** The element as NRL takes it: the fields this class models over the ones it keeps as they came. */
    ObjectNode toJson() {
        ObjectNode n = raw.deepCopy();
        ObjectNode attachment = n.get("attachment") instanceof ObjectNode
                ? (ObjectNode) n.get("attachment")
                : n.putObject("attachment");
        put(attachment, "contentType", contentType);
        put(attachment, "url", url);
        put(attachment, "creation", creation);
        put(attachment, "title", title);
        if (format != null) {
            ObjectNode f = n.putObject("format");
            format.system().ifPresent(v -> f.put("system", v));
            format.code().ifPresent(v -> f.put("code", v));
            format.display().ifPresent(v -> f.put("display", v));
        }
        ArrayNode extensions = n.putArray("extension");
        addExtension(
                extensions,
                STABILITY_URL,
                ContentStability.SYSTEM,
                stabilityCode,
                stability().map(ContentStability::display).orElse(null));
        addExtension(
                extensions,
                RETRIEVAL_URL,
                RetrievalMechanism.SYSTEM,
                retrievalCode,
                retrievalMechanism().map(RetrievalMechanism::display).orElse(null));
        for (JsonNode ext : NrlJson.objects(raw, "extension")) {
            String u = NrlJson.text(ext, "url").orElse("");
            if (!u.equals(STABILITY_URL) && !u.equals(RETRIEVAL_URL)) {
                extensions.add(ext.deepCopy());
            }
        }
        return n;
    }

    private static void put(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static void addExtension(ArrayNode extensions, String url, String system, String code, String display) {
        if (code == null) {
            return;
        }
        ObjectNode ext = extensions.addObject();
        ObjectNode coding =
                ext.putObject("valueCodeableConcept").putArray("coding").addObject();
        coding.put("system", system);
        coding.put("code", code);
        if (display != null) {
            coding.put("display", display);
        }
        ext.put("url", url);
    }

    /**
     * What the content holds, without its URL (which can name a patient's record).
     *
     * @return for example {@code PointerContent[application/pdf, urn:nhs-ic:unstructured, static, SSP]}
     */
    @Override
    public String toString() {
        return "PointerContent[" + contentType + ", "
                + format().flatMap(Coding::code).orElse("no format") + ", "
                + (stabilityCode == null ? "no stability" : stabilityCode) + ", "
                + (retrievalCode == null ? "no retrieval mechanism" : retrievalCode) + "]";
    }

    /**
     * Builds a {@link PointerContent}, checking NRL's rules for content.
     */
    public static final class Builder {
        private final ObjectNode raw;
        private String url;
        private String contentType;
        private String creation;
        private String title;
        private Coding format;
        private String stabilityCode;
        private String retrievalCode;

        private Builder(ObjectNode raw) {
            this.raw = raw;
        }

        /**
         * Sets the record's location.
         *
         * @param value an absolute URL with no spaces; {@code ssp://...} for the Spine Secure Proxy
         * @return this builder
         * @throws NhsValidationException when the value is not an absolute URL without spaces
         */
        public Builder url(String value) {
            Objects.requireNonNull(value, "url");
            if (!value.matches("[A-Za-z][A-Za-z0-9+.-]*://\\S+")) {
                throw new NhsValidationException(
                        "content.attachment.url", "must be an absolute URL (scheme://...) without spaces");
            }
            this.url = value;
            return this;
        }

        /**
         * Sets the record's MIME type.
         *
         * @param value such as {@code application/pdf}, {@code application/fhir+json} or {@code text/html}
         * @return this builder
         * @throws NhsValidationException when the value is not a MIME type
         */
        public Builder contentType(String value) {
            Objects.requireNonNull(value, "contentType");
            if (!value.matches("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;\\s*\\S+)*")) {
                throw new NhsValidationException("content.attachment.contentType", "must be a MIME type, type/subtype");
            }
            this.contentType = value;
            return this;
        }

        /**
         * Sets when the record was created.
         *
         * @param value a FHIR dateTime, such as {@code 2022-12-20T09:45:41+00:00}
         * @return this builder
         * @throws NhsValidationException when the value is not a FHIR dateTime
         */
        public Builder creation(String value) {
            this.creation = PointerRules.checkDateTime("content.attachment.creation", value);
            return this;
        }

        /**
         * Sets the record's title.
         *
         * @param value the title
         * @return this builder
         */
        public Builder title(String value) {
            this.title = Objects.requireNonNull(value, "title");
            return this;
        }

        /**
         * Sets the format.
         *
         * @param value one of NRL's format codes
         * @return this builder
         */
        public Builder format(ContentFormat value) {
            Objects.requireNonNull(value, "format");
            this.format = Coding.of(ContentFormat.SYSTEM, value.code(), value.display());
            return this;
        }

        /**
         * Sets the content-stability extension (required by NRL).
         *
         * @param value static or dynamic
         * @return this builder
         */
        public Builder stability(ContentStability value) {
            this.stabilityCode = Objects.requireNonNull(value, "stability").code();
            return this;
        }

        /**
         * Sets the retrieval-mechanism extension (NRL says every content should have one).
         *
         * @param value the mechanism
         * @return this builder
         */
        public Builder retrievalMechanism(RetrievalMechanism value) {
            this.retrievalCode =
                    Objects.requireNonNull(value, "retrievalMechanism").code();
            return this;
        }

        /**
         * Builds the content.
         *
         * @return the content
         * @throws NhsValidationException when the URL, content type, format or stability is missing,
         *     or the retrieval mechanism is the Spine Secure Proxy and the URL does not start
         *     {@code ssp://}
         */
        public PointerContent build() {
            PointerContent c = new PointerContent(
                    raw.deepCopy(), url, contentType, creation, title, format, stabilityCode, retrievalCode);
            PointerRules.checkContent(c);
            return c;
        }
    }
}
