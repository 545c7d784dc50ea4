package uk.nhs.sdk.records.nrl;

import java.util.Optional;

/**
 * Whether the record a pointer points to stays as it was ({@code static}) or is built when asked for
 * ({@code dynamic}): the content-stability extension every {@code content[]} of a pointer must carry.
 */
public enum ContentStability {
    /** A record that does not change once written. */
    STATIC("static", "Static"),
    /** A record built from current data each time it is retrieved. */
    DYNAMIC("dynamic", "Dynamic");

    /** The code system. */
    public static final String SYSTEM = "https://fhir.nhs.uk/England/CodeSystem/England-NRLContentStability";
    /** The extension's URL. */
    public static final String EXTENSION_URL =
            "https://fhir.nhs.uk/England/StructureDefinition/Extension-England-ContentStability";

    private final String code;
    private final String display;

    ContentStability(String code, String display) {
        this.code = code;
        this.display = display;
    }

    /**
     * The code as NRL sends it.
     *
     * @return the code
     */
    public String code() {
        return code;
    }

    /**
     * The display text NRL expects with the code.
     *
     * @return the display
     */
    public String display() {
        return display;
    }

    /**
     * The value with a code.
     *
     * @param code the code
     * @return the value, when the code is one NRL lists
     */
    public static Optional<ContentStability> fromCode(String code) {
        for (ContentStability v : values()) {
            if (v.code.equals(code)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
