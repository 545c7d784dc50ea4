package uk.nhs.sdk.records.nrl;

import java.util.Optional;

/**
 * How a consumer fetches the record a pointer points to: the retrieval-mechanism extension a
 * {@code content[]} should carry. Retrieval itself is outside NRL.
 */
public enum RetrievalMechanism {
    /** Through the Spine Secure Proxy; the URL starts {@code ssp://} and the context names the ASID. */
    SSP("SSP", "Spine Secure Proxy"),
    /** Directly from the URL. */
    DIRECT("Direct", "Direct"),
    /** Large Document Retrieval (the National Document Repository). */
    LDR("LDR", "Large Document Retrieval"),
    /** An in-context launch into the holding system. */
    IN_CONTEXT("InContext", "Direct using In-Context");

    /** The code system. */
    public static final String SYSTEM = "https://fhir.nhs.uk/England/CodeSystem/England-NRLRetrievalMechanism";
    /** The extension's URL. */
    public static final String EXTENSION_URL =
            "https://fhir.nhs.uk/England/StructureDefinition/Extension-England-NRLRetrievalMechanism";

    private final String code;
    private final String display;

    RetrievalMechanism(String code, String display) {
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
    public static Optional<RetrievalMechanism> fromCode(String code) {
        for (RetrievalMechanism v : values()) {
            if (v.code.equals(code)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
