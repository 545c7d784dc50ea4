package uk.nhs.sdk.records.ods;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An ODS relationship type from the {@code ODSRelationship} CodeSystem, such as {@code RE4}
 * ("is commissioned by"). The common ones are constants; any other code is kept as it came.
 */
public final class OdsRelationship {
    /** The CodeSystem of relationship codes. */
    public static final String SYSTEM =
            "https://digital.nhs.uk/services/organisation-data-service/CodeSystem/ODSRelationship";

    private static final Map<String, OdsRelationship> KNOWN = new LinkedHashMap<>();

    /** {@code RE4} is commissioned by (for example a practice by its ICB). */
    public static final OdsRelationship IS_COMMISSIONED_BY = known("RE4", "IS COMMISSIONED BY");
    /** {@code RE5} is located in the geography of. */
    public static final OdsRelationship IS_LOCATED_IN_THE_GEOGRAPHY_OF = known("RE5", "IS LOCATED IN THE GEOGRAPHY OF");
    /** {@code RE6} is operated by (for example a site by its trust). */
    public static final OdsRelationship IS_OPERATED_BY = known("RE6", "IS OPERATED BY");
    /** {@code RE8} is partner to (for example a practice to its primary care network). */
    public static final OdsRelationship IS_PARTNER_TO = known("RE8", "IS PARTNER TO");

    private final String code;
    private final String display;

    private OdsRelationship(String code, String display) {
        this.code = code;
        this.display = display;
    }

    private static OdsRelationship known(String code, String display) {
        OdsRelationship r = new OdsRelationship(code, display);
        KNOWN.put(code, r);
        return r;
    }

    /**
     * The relationship for a code: a constant when known, else one with the display given.
     *
     * @param code the code, such as {@code RE4}
     * @param display the name the API sent, or {@code null}
     * @return the relationship
     */
    public static OdsRelationship of(String code, String display) {
        Objects.requireNonNull(code, "code");
        OdsRelationship k = KNOWN.get(code);
        return k != null ? k : new OdsRelationship(code, display);
    }

    /**
     * The relationship types this class names.
     *
     * @return the constants
     */
    public static List<OdsRelationship> known() {
        return List.copyOf(KNOWN.values());
    }

    /**
     * The code.
     *
     * @return for example {@code RE4}
     */
    public String code() {
        return code;
    }

    /**
     * The relationship's name.
     *
     * @return for example {@code IS COMMISSIONED BY}
     */
    public Optional<String> display() {
        return Optional.ofNullable(display);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OdsRelationship && ((OdsRelationship) o).code.equals(code);
    }

    @Override
    public int hashCode() {
        return code.hashCode();
    }

    @Override
    public String toString() {
        return display == null ? code : code + " " + display;
    }
}
