package uk.nhs.sdk.records.ods;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * An ODS organisation role from the {@code ODSOrganisationRole} CodeSystem, such as {@code RO76}
 * (GP practice). The common roles are constants with their name and whether ODS treats them as
 * a primary role; any other code is kept as it came ({@link #of(String)}), without a name.
 *
 * <p>The full list, with each role's {@code primaryRole} property, is the CodeSystem
 * {@value #SYSTEM} on the ODS FHIR API.
 */
public final class OdsRole {
    /** The CodeSystem of role codes. */
    public static final String SYSTEM =
            "https://digital.nhs.uk/services/organisation-data-service/CodeSystem/ODSOrganisationRole";

    private static final Map<String, OdsRole> KNOWN = new LinkedHashMap<>();

    /** {@code RO7} Hospice (non-primary). */
    public static final OdsRole HOSPICE = known("RO7", "HOSPICE", false);
    /** {@code RO76} GP practice (non-primary; a practice's primary role is {@link #PRESCRIBING_COST_CENTRE}). */
    public static final OdsRole GP_PRACTICE = known("RO76", "GP PRACTICE", false);
    /** {@code RO167} Optical site (primary). */
    public static final OdsRole OPTICAL_SITE = known("RO167", "OPTICAL SITE", true);
    /** {@code RO172} Independent sector healthcare provider (primary). */
    public static final OdsRole INDEPENDENT_SECTOR_HEALTHCARE_PROVIDER =
            known("RO172", "INDEPENDENT SECTOR HEALTHCARE PROVIDER", true);
    /** {@code RO177} Prescribing cost centre (primary). */
    public static final OdsRole PRESCRIBING_COST_CENTRE = known("RO177", "PRESCRIBING COST CENTRE", true);
    /** {@code RO181} Pharmacy headquarters (primary). */
    public static final OdsRole PHARMACY_HEADQUARTERS = known("RO181", "PHARMACY HEADQUARTER", true);
    /** {@code RO182} Pharmacy (primary). */
    public static final OdsRole PHARMACY = known("RO182", "PHARMACY", true);
    /** {@code RO197} NHS trust (primary). */
    public static final OdsRole NHS_TRUST = known("RO197", "NHS TRUST", true);
    /** {@code RO198} NHS trust site (primary). */
    public static final OdsRole NHS_TRUST_SITE = known("RO198", "NHS TRUST SITE", true);
    /** {@code RO272} Primary care network (non-primary). */
    public static final OdsRole PRIMARY_CARE_NETWORK = known("RO272", "PRIMARY CARE NETWORK", false);
    /** {@code RO318} Integrated care board (non-primary). */
    public static final OdsRole INTEGRATED_CARE_BOARD = known("RO318", "INTEGRATED CARE BOARD", false);

    private final String code;
    private final String display;
    private final Boolean primary;

    private OdsRole(String code, String display, Boolean primary) {
        this.code = code;
        this.display = display;
        this.primary = primary;
    }

    private static OdsRole known(String code, String display, boolean primary) {
        OdsRole r = new OdsRole(code, display, primary);
        KNOWN.put(code, r);
        return r;
    }

    /**
     * The role for a code: a constant when the code is one of them, otherwise a role with no name.
     *
     * @param code the code, such as {@code RO76} (case-insensitive)
     * @return the role
     * @throws NhsValidationException when the code is not {@code RO} followed by 1 to 4 digits
     */
    public static OdsRole of(String code) {
        Objects.requireNonNull(code, "code");
        String c = code.strip().toUpperCase(Locale.ROOT);
        if (!c.matches("RO[0-9]{1,4}")) {
            throw new NhsValidationException("roleCode", "must be RO followed by 1 to 4 digits");
        }
        OdsRole k = KNOWN.get(c);
        return k != null ? k : new OdsRole(c, null, null);
    }

    /** The role as read from the API, whose display is kept when the code is not a known one. */
    static OdsRole read(String code, String display) {
        OdsRole k = KNOWN.get(code);
        return k != null ? k : new OdsRole(code, display, null);
    }

    /**
     * The roles this class names.
     *
     * @return the constants, in code order
     */
    public static List<OdsRole> known() {
        return List.copyOf(KNOWN.values());
    }

    /**
     * The code.
     *
     * @return for example {@code RO76}
     */
    public String code() {
        return code;
    }

    /**
     * The role's name.
     *
     * @return for example {@code GP PRACTICE}; empty for an unknown code read without one
     */
    public Optional<String> display() {
        return Optional.ofNullable(display);
    }

    /**
     * Whether ODS treats this as a primary role (each organisation has exactly one).
     *
     * @return known for the constants, empty for other codes
     */
    public Optional<Boolean> primary() {
        return Optional.ofNullable(primary);
    }

    /**
     * Whether this is one of the constants.
     *
     * @return {@code true} for a known role
     */
    public boolean isKnown() {
        return KNOWN.containsKey(code) && KNOWN.get(code) == this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OdsRole && ((OdsRole) o).code.equals(code);
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
