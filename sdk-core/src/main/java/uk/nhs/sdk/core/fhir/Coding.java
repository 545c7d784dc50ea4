package uk.nhs.sdk.core.fhir;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;

/**
 * A FHIR {@code Coding}: a code from a code system.
 */
public final class Coding {
    private final String system;
    private final String version;
    private final String code;
    private final String display;

    @JsonCreator
    private Coding(
            @JsonProperty("system") String system,
            @JsonProperty("version") String version,
            @JsonProperty("code") String code,
            @JsonProperty("display") String display) {
        this.system = system;
        this.version = version;
        this.code = code;
        this.display = display;
    }

    /**
     * Creates a coding.
     *
     * @param system the code system URI, or {@code null}
     * @param code the code, or {@code null}
     * @param display the display text, or {@code null}
     * @return the coding
     */
    public static Coding of(String system, String code, String display) {
        return new Coding(system, null, code, display);
    }

    /**
     * The code system.
     *
     * @return the system URI
     */
    public Optional<String> system() {
        return Optional.ofNullable(system);
    }

    /**
     * The code system version.
     *
     * @return the version
     */
    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    /**
     * The code.
     *
     * @return the code
     */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /**
     * The display text.
     *
     * @return the display
     */
    public Optional<String> display() {
        return Optional.ofNullable(display);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Coding)) {
            return false;
        }
        Coding c = (Coding) o;
        return Objects.equals(system, c.system)
                && Objects.equals(version, c.version)
                && Objects.equals(code, c.code)
                && Objects.equals(display, c.display);
    }

    @Override
    public int hashCode() {
        return Objects.hash(system, version, code, display);
    }

    @Override
    public String toString() {
        return "Coding[system=" + system + ", code=" + code + "]";
    }
}
