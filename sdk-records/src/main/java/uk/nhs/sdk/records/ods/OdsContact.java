package uk.nhs.sdk.records.ods;

import java.util.Objects;

/**
 * An organisation's contact point ({@code telecom}): a phone number or a web site. Organisation
 * contact details are public reference data.
 */
public final class OdsContact {
    private final String system;
    private final String value;

    OdsContact(String system, String value) {
        this.system = system;
        this.value = value;
    }

    /**
     * The FHIR contact system.
     *
     * @return for example {@code phone} or {@code url}
     */
    public String system() {
        return system;
    }

    /**
     * The phone number or address.
     *
     * @return the value
     */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OdsContact
                && ((OdsContact) o).system.equals(system)
                && ((OdsContact) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(system, value);
    }

    @Override
    public String toString() {
        return system + ":" + value;
    }
}
