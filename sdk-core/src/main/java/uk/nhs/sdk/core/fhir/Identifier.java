package uk.nhs.sdk.core.fhir;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;

/**
 * A FHIR {@code Identifier}: a value in a namespace, such as an NHS number under
 * {@code https://fhir.nhs.uk/Id/nhs-number}. Its {@code toString()} never prints the value.
 */
public final class Identifier {
    /** The namespace of NHS numbers. */
    public static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
    /** The namespace of ODS organisation codes. */
    public static final String ODS_CODE_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";

    private final String system;
    private final String value;

    @JsonCreator
    private Identifier(@JsonProperty("system") String system, @JsonProperty("value") String value) {
        this.system = system;
        this.value = value;
    }

    /**
     * Creates an identifier.
     *
     * @param system the namespace URI
     * @param value the value
     * @return the identifier
     */
    public static Identifier of(String system, String value) {
        return new Identifier(system, value);
    }

    /**
     * The namespace.
     *
     * @return the system URI
     */
    public Optional<String> system() {
        return Optional.ofNullable(system);
    }

    /**
     * The value.
     *
     * @return the value
     */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Identifier
                && Objects.equals(((Identifier) o).system, system)
                && Objects.equals(((Identifier) o).value, value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(system, value);
    }

    @Override
    public String toString() {
        return "Identifier[system=" + system + ", value=***]";
    }
}
