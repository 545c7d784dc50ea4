package uk.nhs.sdk.records.nrl;

import java.util.List;
import java.util.Objects;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * The broad class of a record an NRL pointer points to ({@code DocumentReference.category}), a
 * SNOMED CT code such as a care plan.
 *
 * <p>The constants are the codes NRL lists today; a code NRL adds later is kept as it comes
 * ({@link #of(String)}), never refused. Equal when the systems and codes are equal.
 */
public final class PointerCategory extends NrlCoding {
    /** The code system of every NRL category: SNOMED CT. */
    public static final String SYSTEM = "http://snomed.info/sct";

    /** Care plan (SNOMED CT 734163000). */
    public static final PointerCategory CARE_PLAN = new PointerCategory("734163000", "Care plan");
    /** Observations (SNOMED CT 1102421000000108). */
    public static final PointerCategory OBSERVATIONS = new PointerCategory("1102421000000108", "Observations");
    /** Clinical note (SNOMED CT 823651000000106). */
    public static final PointerCategory CLINICAL_NOTE = new PointerCategory("823651000000106", "Clinical note");
    /** Record artifact (SNOMED CT 419891008). */
    public static final PointerCategory RECORD_ARTIFACT = new PointerCategory("419891008", "Record artifact");
    /** Record headings (SNOMED CT 716931000000107). */
    public static final PointerCategory RECORD_HEADINGS = new PointerCategory("716931000000107", "Record headings");
    /** Diagnostic procedure (SNOMED CT 103693007). */
    public static final PointerCategory DIAGNOSTIC_PROCEDURE = new PointerCategory("103693007", "Diagnostic procedure");
    /** Diagnostic studies report (SNOMED CT 721981007). */
    public static final PointerCategory DIAGNOSTIC_STUDIES_REPORT =
            new PointerCategory("721981007", "Diagnostic studies report");

    private static final List<PointerCategory> KNOWN = List.of(
            CARE_PLAN,
            OBSERVATIONS,
            CLINICAL_NOTE,
            RECORD_ARTIFACT,
            RECORD_HEADINGS,
            DIAGNOSTIC_PROCEDURE,
            DIAGNOSTIC_STUDIES_REPORT);

    private PointerCategory(String code, String display) {
        this(SYSTEM, code, display);
    }

    private PointerCategory(String system, String code, String display) {
        super(system, code, display);
    }

    /** As a response carries it, unchecked: a known constant when it is one, else kept as sent. */
    static PointerCategory read(String system, String code, String display) {
        return find(KNOWN, system, code).orElseGet(() -> new PointerCategory(system, code, display));
    }

    /**
     * The category with a SNOMED CT code: one of the constants when NRL lists it, else a new one
     * with no display.
     *
     * @param code the SNOMED CT concept id
     * @return the category
     * @throws NhsValidationException when the code is not a SNOMED CT concept id (6 to 18 digits)
     */
    public static PointerCategory of(String code) {
        return find(KNOWN, SYSTEM, Objects.requireNonNull(code, "code")).orElseGet(() -> of(code, null));
    }

    /**
     * A category with a code and a display of your own (for a code NRL added after this release).
     *
     * @param code the SNOMED CT concept id
     * @param display the display text, or {@code null}
     * @return the category
     * @throws NhsValidationException when the code is not a SNOMED CT concept id (6 to 18 digits)
     */
    public static PointerCategory of(String code, String display) {
        return new PointerCategory(snomedCode(code, "category"), display);
    }

    /**
     * The categories NRL lists today.
     *
     * @return an unmodifiable list
     */
    public static List<PointerCategory> known() {
        return KNOWN;
    }

    @Override
    List<PointerCategory> knownValues() {
        return KNOWN;
    }
}
