package uk.nhs.sdk.records.nrl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * A code from an open set NRL lists, such as a pointer's type or category: a SNOMED CT coding
 * whose listed codes are constants of the concrete class, and whose other codes are kept as they
 * come, never refused.
 *
 * <p>Two codings are equal when they are of the same class and their systems and codes are equal:
 * a {@link PointerType} never equals a {@link PointerCategory}, even with the same code. The display
 * text does not count.
 */
public abstract class NrlCoding {
    /** SNOMED CT, the code system of every code NRL lists. */
    static final String SNOMED = "http://snomed.info/sct";

    private final String system;
    private final String code;
    private final String display;

    NrlCoding(String system, String code, String display) {
        this.system = system;
        this.code = code;
        this.display = display;
    }

    /**
     * The constant in {@code known} with a system and a code.
     *
     * @param <T> the concrete class
     * @param known the constants of the concrete class
     * @param system the code system
     * @param code the code
     * @return the constant, or empty when NRL does not list the code
     */
    static <T extends NrlCoding> Optional<T> find(List<T> known, String system, String code) {
        if (SNOMED.equals(system)) {
            for (T k : known) {
                if (k.code().equals(code)) {
                    return Optional.of(k);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A code checked to be a SNOMED CT concept id.
     *
     * @param code the code
     * @param field the field to name when it is not one
     * @return {@code code}
     * @throws NhsValidationException when the code is not a SNOMED CT concept id (6 to 18 digits)
     */
    static String snomedCode(String code, String field) {
        Objects.requireNonNull(code, "code");
        if (!code.matches("[1-9][0-9]{5,17}")) {
            throw new NhsValidationException(field, "must be a SNOMED CT concept id (6 to 18 digits)");
        }
        return code;
    }

    /**
     * The codes NRL lists, for {@link #isKnown()}.
     *
     * @return the constants of the concrete class
     */
    abstract List<? extends NrlCoding> knownValues();

    /**
     * The code system.
     *
     * @return {@code http://snomed.info/sct} for every code NRL lists
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
        return knownValues().contains(this);
    }

    /**
     * The search token NRL takes in its {@code type} or {@code category} parameter (whichever this
     * coding is).
     *
     * @return {@code <system>|<code>}, such as {@code http://snomed.info/sct|734163000}
     */
    public String token() {
        return system + "|" + code;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null
                && o.getClass() == getClass()
                && ((NrlCoding) o).code.equals(code)
                && ((NrlCoding) o).system.equals(system);
    }

    @Override
    public final int hashCode() {
        return Objects.hash(system, code);
    }

    @Override
    public final String toString() {
        return code + (display == null ? "" : " " + display);
    }
}
