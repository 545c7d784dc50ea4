package uk.nhs.sdk.spring;

/**
 * A service that names the end user's organisation on every call (the NRL consumer and producer
 * APIs send it as {@code NHSD-End-User-Organisation-ODS}).
 */
public class NhsOrganisationServiceProperties extends NhsServiceProperties {
    /** The ODS code of the end user's organisation, sent with every call (required). */
    private String odsCode;

    /** Creates the settings with their defaults. */
    public NhsOrganisationServiceProperties() {
        // defaults are the field initialisers
    }

    /**
     * The ODS code.
     *
     * @return the code, or {@code null} when not set
     */
    public String getOdsCode() {
        return odsCode;
    }

    /**
     * Sets the ODS code.
     *
     * @param odsCode the code, such as {@code Y05868}
     */
    public void setOdsCode(String odsCode) {
        this.odsCode = odsCode;
    }
}
