package uk.nhs.sdk.records.nrl;

import java.util.List;
import java.util.Objects;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * The type of a record an NRL pointer points to ({@code DocumentReference.type}), a SNOMED CT code
 * such as a mental health crisis plan. Which types an organisation may read or write is fixed
 * when it onboards.
 *
 * <p>The constants are the codes NRL lists today; a code NRL adds later is kept as it comes
 * ({@link #of(String)}), never refused. Equal when the systems and codes are equal.
 */
public final class PointerType extends NrlCoding {
    /** The code system of every NRL type: SNOMED CT. */
    public static final String SYSTEM = "http://snomed.info/sct";

    /** Mental health crisis plan (SNOMED CT 736253002). */
    public static final PointerType MENTAL_HEALTH_CRISIS_PLAN =
            new PointerType("736253002", "Mental health crisis plan");
    /** ReSPECT form (SNOMED CT 1382601000000107). */
    public static final PointerType RESPECT_FORM = new PointerType("1382601000000107", "ReSPECT form");
    /** Contingency plan (SNOMED CT 325691000000100). */
    public static final PointerType CONTINGENCY_PLAN = new PointerType("325691000000100", "Contingency plan");
    /** End of life care plan (SNOMED CT 736373009). */
    public static final PointerType END_OF_LIFE_CARE_PLAN = new PointerType("736373009", "End of life care plan");
    /** End of Life Care Coordination Summary (SNOMED CT 861421000000109). */
    public static final PointerType END_OF_LIFE_CARE_COORDINATION_SUMMARY =
            new PointerType("861421000000109", "End of Life Care Coordination Summary");
    /** Emergency health care plan (SNOMED CT 887701000000100). */
    public static final PointerType EMERGENCY_HEALTH_CARE_PLAN =
            new PointerType("887701000000100", "Emergency health care plan");
    /** Advance care plan (SNOMED CT 736366004). */
    public static final PointerType ADVANCE_CARE_PLAN = new PointerType("736366004", "Advance care plan");
    /** Treatment escalation plan (SNOMED CT 735324008). */
    public static final PointerType TREATMENT_ESCALATION_PLAN =
            new PointerType("735324008", "Treatment escalation plan");
    /** Personalised Care and Support Plan (SNOMED CT 2181441000000107). */
    public static final PointerType PERSONALISED_CARE_AND_SUPPORT_PLAN =
            new PointerType("2181441000000107", "Personalised Care and Support Plan");
    /** Lloyd George record folder (SNOMED CT 16521000000101). */
    public static final PointerType LLOYD_GEORGE_RECORD_FOLDER =
            new PointerType("16521000000101", "Lloyd George record folder");
    /** Royal College of Physicians NEWS2 (National Early Warning Score 2) chart (SNOMED CT 1363501000000100). */
    public static final PointerType NEWS2_CHART = new PointerType(
            "1363501000000100", "Royal College of Physicians NEWS2 (National Early Warning Score 2) chart");
    /** Summary record (SNOMED CT 824321000000109). */
    public static final PointerType SUMMARY_RECORD = new PointerType("824321000000109", "Summary record");
    /** Clinical summary (SNOMED CT 887181000000106). */
    public static final PointerType CLINICAL_SUMMARY = new PointerType("887181000000106", "Clinical summary");
    /** Appointment (SNOMED CT 749001000000101). */
    public static final PointerType APPOINTMENT = new PointerType("749001000000101", "Appointment");

    private static final List<PointerType> KNOWN = List.of(
            MENTAL_HEALTH_CRISIS_PLAN,
            RESPECT_FORM,
            CONTINGENCY_PLAN,
            END_OF_LIFE_CARE_PLAN,
            END_OF_LIFE_CARE_COORDINATION_SUMMARY,
            EMERGENCY_HEALTH_CARE_PLAN,
            ADVANCE_CARE_PLAN,
            TREATMENT_ESCALATION_PLAN,
            PERSONALISED_CARE_AND_SUPPORT_PLAN,
            LLOYD_GEORGE_RECORD_FOLDER,
            NEWS2_CHART,
            SUMMARY_RECORD,
            CLINICAL_SUMMARY,
            APPOINTMENT);

    private PointerType(String code, String display) {
        this(SYSTEM, code, display);
    }

    private PointerType(String system, String code, String display) {
        super(system, code, display);
    }

    /** As a response carries it, unchecked: a known constant when it is one, else kept as sent. */
    static PointerType read(String system, String code, String display) {
        return find(KNOWN, system, code).orElseGet(() -> new PointerType(system, code, display));
    }

    /**
     * The type with a SNOMED CT code: one of the constants when NRL lists it, else a new one
     * with no display.
     *
     * @param code the SNOMED CT concept id
     * @return the type
     * @throws NhsValidationException when the code is not a SNOMED CT concept id (6 to 18 digits)
     */
    public static PointerType of(String code) {
        return find(KNOWN, SYSTEM, Objects.requireNonNull(code, "code")).orElseGet(() -> of(code, null));
    }

    /**
     * A type with a code and a display of your own (for a code NRL added after this release).
     *
     * @param code the SNOMED CT concept id
     * @param display the display text, or {@code null}
     * @return the type
     * @throws NhsValidationException when the code is not a SNOMED CT concept id (6 to 18 digits)
     */
    public static PointerType of(String code, String display) {
        return new PointerType(snomedCode(code, "type"), display);
    }

    /**
     * The types NRL lists today.
     *
     * @return an unmodifiable list
     */
    public static List<PointerType> known() {
        return KNOWN;
    }

    @Override
    List<PointerType> knownValues() {
        return KNOWN;
    }
}
