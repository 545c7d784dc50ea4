package uk.nhs.sdk.records.nrl;

import java.util.Optional;

/**
 * What a pointer's content is, from NRL's format code system ({@code content[].format}).
 */
public enum ContentFormat {
    /** An unstructured document, such as a PDF. */
    UNSTRUCTURED("urn:nhs-ic:unstructured", "Unstructured Document"),
    /** Contact details for the holder of a record that cannot be retrieved digitally. */
    RECORD_CONTACT("urn:nhs-ic:record-contact", "Contact details (HTTP Unsecured)"),
    /** Structured data, such as FHIR. */
    STRUCTURED("urn:nhs-ic:structured", "Structured Document");

    /** The code system. */
    public static final String SYSTEM = "https://fhir.nhs.uk/England/CodeSystem/England-NRLFormatCode";

    private final String code;
    private final String display;

    ContentFormat(String code, String display) {
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
    public static Optional<ContentFormat> fromCode(String code) {
        for (ContentFormat v : values()) {
            if (v.code.equals(code)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
