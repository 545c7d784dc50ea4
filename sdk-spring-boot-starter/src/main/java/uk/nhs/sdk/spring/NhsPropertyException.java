package uk.nhs.sdk.spring;

import java.util.Objects;
import uk.nhs.sdk.core.error.NhsConfigurationException;

/**
 * An {@code nhs.*} property is missing or invalid: thrown while the application starts, so that it
 * fails at once with a message naming the property, never at the first call. The message never
 * holds a property's value.
 */
public class NhsPropertyException extends NhsConfigurationException {
    private static final long serialVersionUID = 1L;

    /** The full name of the property at fault. */
    private final String property;
    /** What to do about it. */
    private final String action;

    /**
     * Creates the exception.
     *
     * @param property the full name of the property, such as {@code nhs.mesh.shared-key}
     * @param problem what is wrong, without the property's value
     * @param action what to do about it
     */
    public NhsPropertyException(String property, String problem, String action) {
        super(property + ": " + problem);
        this.property = Objects.requireNonNull(property, "property");
        this.action = Objects.requireNonNull(action, "action");
    }

    /**
     * The property at fault.
     *
     * @return its full name, such as {@code nhs.mesh.shared-key}
     */
    public String property() {
        return property;
    }

    /**
     * What to do about it.
     *
     * @return the action, for the failure analysis printed at start-up
     */
    public String action() {
        return action;
    }
}
