package uk.nhs.sdk.records.nrl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * The broad class of a record an NRL pointer points to ({@code DocumentReference.category}), a
 * SNOMED CT code such as a care plan.
 *
 * <p>The constants are the codes NRL lists today; a code NRL adds later is kept as it comes
 * ({@link #of(String)}), never refused. Equal when the systems and codes are equal.
 */
public final class PointerCategory {
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
    public static final PointerCategory DIAGNOSTIC_STUDIES_REPORT = new PointerCategory("721981007", "Diagnostic studies report");

    private static final List<PointerCategory> KNOWN = List.of(CARE_PLAN, OBSERVATIONS, CLINICAL_NOTE, RECORD_ARTIFACT, RECORD_HEADINGS, DIAGNOSTIC_PROCEDURE, DIAGNOSTIC_STUDIES_REPORT);

    private final String system;
    private final String code;
    private final String display;

    private PointerCategory(String code, String display) {
        this(SYSTEM, code, display);
    }

    private PointerCategory(String system, String code, String display) {
        this.system = system;
        this.code = code;
        this.display = display;
    }

    /** As a response carries it, unchecked: a known constant when it is one, else kept as sent. */
    static PointerCategory read(String system, String code, String display) {
        if (SYSTEM.equals(system)) {
            for (PointerCategory k : KNOWN) {
                if (k.code.equals(code)) {
                    return k;
                }
            }
        }
        return new PointerCategory(system, code, display);
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
        Objects.requireNonNull(code, "code");
        for (PointerCategory k : KNOWN) {
            if (k.code.equals(code)) {
                return k;
            }
        }
        return of(code, null);
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
        Objects.requireNonNull(code, "code");
        if (!code.matches("[1-9][0-9]{5,17}")) {
            throw new NhsValidationException("category", "must be a SNOMED CT concept id (6 to 18 digits)");
        }
        return new PointerCategory(code, display);
    }

    /**
     * The categorys NRL lists today.
     *
     * @return an unmodifiable list
     */
    public static List<PointerCategory> known() {
        return KNOWN;
    }

    /**
     * The code system.
     *
     * @return {@value #SYSTEM} for every code NRL lists
     */
    public String system() {
        return system;
    }

    /**
     * The SNOMED CT concept id.
     *
     * @return for example {@code 734163000}
     */
    public String code() {
        return code;
    }

    /**
     * The display text.
     *
     * @return the display, when known
     */
    public Optional<String> display() {
        return Optional.ofNullable(display);
    }

    /**
     * Whether NRL lists this code (it is one of the constants).
     *
     * @return {@code true} for a listed code
     */
    public boolean isKnown() {
        return KNOWN.contains(this);
    }

    /**
     * The search token NRL takes in its {@code category} parameter.
     *
     * @return {@code <system>|<code>}, such as {@code http://snomed.info/sct|734163000}
     */
    public String token() {
        return system + "|" + code;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PointerCategory && ((PointerCategory) o).code.equals(code) && ((PointerCategory) o).system.equals(system);
    }

    @Override
    public int hashCode() {
        return Objects.hash(system, code);
    }

    @Override
    public String toString() {
        return code + (display == null ? "" : " " + display);
    }
}
