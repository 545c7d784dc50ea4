package uk.nhs.sdk.identity.pds;

import java.util.Objects;

/**
 * The answer to {@link PdsClient#update}: the updated patient and its new version.
 */
public final class UpdateResult {
    private final Patient patient;
    private final long version;
    private final String requestId;
    private final int attempts;

    UpdateResult(Patient patient, long version, String requestId, int attempts) {
        this.patient = Objects.requireNonNull(patient, "patient");
        this.version = version;
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.attempts = attempts;
    }

    /**
     * The patient as PDS holds it after the update.
     *
     * @return the patient
     */
    public Patient patient() {
        return patient;
    }

    /**
     * The new version, from the {@code ETag} (or {@code meta.versionId}); send it with the next
     * update.
     *
     * @return the version
     */
    public long version() {
        return version;
    }

    /**
     * The {@code X-Request-ID} the update was sent with (the same on every attempt, so PDS
     * applied it once).
     *
     * @return the request id
     */
    public String requestId() {
        return requestId;
    }

    /**
     * How many attempts the update took (more than one after a 503 with {@code Retry-After}).
     *
     * @return the attempts
     */
    public int attempts() {
        return attempts;
    }

    /**
     * No patient data.
     *
     * @return for example {@code UpdateResult[version=3, attempts=1]}
     */
    @Override
    public String toString() {
        return "UpdateResult[version=" + version + ", attempts=" + attempts + "]";
    }
}
