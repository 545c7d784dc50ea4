package uk.nhs.sdk.records.nrl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.fhir.Coding;
import uk.nhs.sdk.records.nrl.internal.NrlJson;

/**
 * A pointer's clinical context ({@code DocumentReference.context}): the practice setting (required
 * by NRL), the period of care, and the Spine ASID of the system holding the record (required when
 * it is retrieved through the Spine Secure Proxy). Immutable.
 */
public final class PointerContext {
    /** The identifier system of a Spine ASID in {@code context.related}. */
    public static final String ASID_SYSTEM = "https://fhir.nhs.uk/Id/nhsSpineASID";

    private final ObjectNode raw;
    private final Coding practiceSetting;
    private final String periodStart;
    private final String periodEnd;
    private final String relatedAsid;

    private PointerContext(
            ObjectNode raw, Coding practiceSetting, String periodStart, String periodEnd, String relatedAsid) {
        this.raw = raw;
        this.practiceSetting = practiceSetting;
        this.periodStart = periodStart;
        this.periodEnd = periodEnd;
        this.relatedAsid = relatedAsid;
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
     * A builder holding this context's values (and any field this class does not model).
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(raw.deepCopy());
        b.practiceSetting = practiceSetting;
        b.periodStart = periodStart;
        b.periodEnd = periodEnd;
        b.relatedAsid = relatedAsid;
        return b;
    }

    /**
     * The practice setting, a SNOMED CT coding such as {@code 788002001} Adult mental health service.
     *
     * @return the coding, when present
     */
    public Optional<Coding> practiceSetting() {
        return Optional.ofNullable(practiceSetting);
    }

    /**
     * The start of the period of care, as sent.
     *
     * @return the FHIR dateTime, when present
     */
    public Optional<String> periodStart() {
        return Optional.ofNullable(periodStart);
    }

    /**
     * The end of the period of care, as sent.
     *
     * @return the FHIR dateTime, when present
     */
    public Optional<String> periodEnd() {
        return Optional.ofNullable(periodEnd);
    }

    /**
     * The Spine ASID of the system holding the record ({@code related[].identifier} with system
     * {@value #ASID_SYSTEM}).
     *
     * @return the ASID, when present
     */
    public Optional<String> relatedAsid() {
        return Optional.ofNullable(relatedAsid);
    }

    static PointerContext read(JsonNode node) {
        Coding setting = NrlJson.object(node, "practiceSetting")
                .flatMap(ps -> NrlJson.objects(ps, "coding").stream().findFirst())
                .map(PointerContent::coding)
                .orElse(null);
        JsonNode period = NrlJson.object(node, "period").orElse(null);
        String asid = null;
        for (JsonNode related : NrlJson.objects(node, "related")) {
            JsonNode id = NrlJson.object(related, "identifier").orElse(null);
            if (ASID_SYSTEM.equals(NrlJson.text(id, "system").orElse(""))) {
                asid = NrlJson.text(id, "value").orElse(null);
            }
        }
        return new PointerContext(
                (ObjectNode) node.deepCopy(),
                setting,
                NrlJson.text(period, "start").orElse(null),
                NrlJson.text(period, "end").orElse(null),
                asid);
    }

    ObjectNode toJson() {
        ObjectNode n = raw.deepCopy();
        if (practiceSetting != null) {
            ObjectNode c = n.putObject("practiceSetting").putArray("coding").addObject();
            practiceSetting.system().ifPresent(v -> c.put("system", v));
            practiceSetting.code().ifPresent(v -> c.put("code", v));
            practiceSetting.display().ifPresent(v -> c.put("display", v));
        }
        if (periodStart != null || periodEnd != null) {
            ObjectNode p = n.putObject("period");
            if (periodStart != null) {
                p.put("start", periodStart);
            }
            if (periodEnd != null) {
                p.put("end", periodEnd);
            }
        }
        if (relatedAsid != null) {
            var related = n.putArray("related");
            for (JsonNode r : NrlJson.objects(raw, "related")) {
                JsonNode id = NrlJson.object(r, "identifier").orElse(null);
                if (!ASID_SYSTEM.equals(NrlJson.text(id, "system").orElse(""))) {
                    related.add(r.deepCopy());
                }
            }
            ObjectNode id = related.addObject().putObject("identifier");
            id.put("system", ASID_SYSTEM);
            id.put("value", relatedAsid);
        }
        return n;
    }

    /**
     * The practice setting's code and whether an ASID is present; no period.
     *
     * @return for example {@code PointerContext[practiceSetting=788002001, asid=true]}
     */
    @Override
    public String toString() {
        return "PointerContext[practiceSetting="
                + practiceSetting().flatMap(Coding::code).orElse("none") + ", asid=" + (relatedAsid != null) + "]";
    }

    /**
     * Builds a {@link PointerContext}.
     */
    public static final class Builder {
        private final ObjectNode raw;
        private Coding practiceSetting;
        private String periodStart;
        private String periodEnd;
        private String relatedAsid;

        private Builder(ObjectNode raw) {
            this.raw = raw;
        }

        /**
         * Sets the practice setting (required by NRL).
         *
         * @param snomedCode the SNOMED CT concept id, such as {@code 788002001}
         * @param display its display text, such as {@code Adult mental health service}
         * @return this builder
         * @throws NhsValidationException when the code is not a SNOMED CT concept id or the display is blank
         */
        public Builder practiceSetting(String snomedCode, String display) {
            Objects.requireNonNull(snomedCode, "snomedCode");
            Objects.requireNonNull(display, "display");
            if (!snomedCode.matches("[1-9][0-9]{5,17}")) {
                throw new NhsValidationException(
                        "context.practiceSetting", "must be a SNOMED CT concept id (6 to 18 digits)");
            }
            if (display.isBlank()) {
                throw new NhsValidationException("context.practiceSetting", "needs a display text");
            }
            this.practiceSetting = Coding.of(PointerType.SYSTEM, snomedCode, display);
            return this;
        }

        /**
         * Sets the period of care.
         *
         * @param start a FHIR dateTime, or {@code null}
         * @param end a FHIR dateTime, or {@code null}
         * @return this builder
         * @throws NhsValidationException when a value is not a FHIR dateTime
         */
        public Builder period(String start, String end) {
            this.periodStart = start == null ? null : PointerRules.checkDateTime("context.period.start", start);
            this.periodEnd = end == null ? null : PointerRules.checkDateTime("context.period.end", end);
            return this;
        }

        /**
         * Sets the Spine ASID of the system holding the record (required for the Spine Secure Proxy).
         *
         * @param value the ASID, digits only
         * @return this builder
         * @throws NhsValidationException when the value is not 1 to 12 digits
         */
        public Builder relatedAsid(String value) {
            Objects.requireNonNull(value, "relatedAsid");
            if (!value.matches("[0-9]{1,12}")) {
                throw new NhsValidationException("context.related", "an ASID must be 1 to 12 digits");
            }
            this.relatedAsid = value;
            return this;
        }

        /**
         * Builds the context.
         *
         * @return the context
         * @throws NhsValidationException when the practice setting is missing
         */
        public PointerContext build() {
            if (practiceSetting == null) {
                throw new NhsValidationException("context.practiceSetting", "is required by NRL");
            }
            return new PointerContext(raw.deepCopy(), practiceSetting, periodStart, periodEnd, relatedAsid);
        }
    }
}
