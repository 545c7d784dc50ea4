package uk.nhs.sdk.identity.pds;

import java.util.Objects;
import uk.nhs.sdk.core.NhsNumber;

/**
 * The answer to {@link PdsClient#getPatient}: the patient, the version to send with an update,
 * and whether the number asked for has been superseded.
 *
 * <p>PDS answers a superseded (merged) NHS number with the retained record and no other signal:
 * the returned {@code id} differs from the number asked for. {@link #isSuperseded()} says so and
 * both numbers are given; replace the old number in your system, and update the record by
 * {@link #nhsNumber()} (PDS refuses updates to a superseded number with 403
 * {@code FORBIDDEN_UPDATE}).
 */
public final class RetrievedPatient {
    private final Patient patient;
    private final long version;
    private final NhsNumber requested;
    private final NhsNumber current;
    private final String requestId;

    RetrievedPatient(Patient patient, long version, NhsNumber requested, NhsNumber current, String requestId) {
        this.patient = Objects.requireNonNull(patient, "patient");
        this.version = version;
        this.requested = Objects.requireNonNull(requested, "requested");
        this.current = Objects.requireNonNull(current, "current");
        this.requestId = Objects.requireNonNull(requestId, "requestId");
    }

    /**
     * The patient.
     *
     * @return the patient
     */
    public Patient patient() {
        return patient;
    }

    /**
     * The record version, from the {@code ETag} ({@code W/"2"} is 2), or {@code meta.versionId}
     * when no ETag came. Send it with {@link PdsClient#update}.
     *
     * @return the version
     */
    public long version() {
        return version;
    }

    /**
     * The NHS number that was asked for.
     *
     * @return the requested number
     */
    public NhsNumber requestedNhsNumber() {
        return requested;
    }

    /**
     * The NHS number of the record PDS returned: the requested one, or the one that superseded it.
     *
     * @return the current number
     */
    public NhsNumber nhsNumber() {
        return current;
    }

    /**
     * Whether the requested number has been superseded by {@link #nhsNumber()}.
     *
     * @return {@code true} when the returned id differs from the requested number
     */
    public boolean isSuperseded() {
        return !requested.equals(current);
    }

    /**
     * The record's confidentiality.
     *
     * @return the sensitivity
     */
    public Sensitivity sensitivity() {
        return patient.sensitivity();
    }

    /**
     * The {@code X-Request-ID} of the call, for audit and support.
     *
     * @return the request id
     */
    public String requestId() {
        return requestId;
    }

    /**
     * No patient data.
     *
     * @return for example {@code RetrievedPatient[version=2, sensitivity=UNRESTRICTED, superseded=false]}
     */
    @Override
    public String toString() {
        return "RetrievedPatient[version=" + version + ", sensitivity=" + patient.sensitivity() + ", superseded="
                + isSuperseded() + "]";
    }
}
