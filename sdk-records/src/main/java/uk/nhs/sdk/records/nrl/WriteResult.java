package uk.nhs.sdk.records.nrl;

/**
 * What a producer write did: the pointer it concerned, and the call's {@code X-Request-ID} and
 * attempts.
 */
public final class WriteResult {
    private final String pointerId;
    private final String requestId;
    private final int attempts;

    WriteResult(String pointerId, String requestId, int attempts) {
        this.pointerId = pointerId;
        this.requestId = requestId;
        this.attempts = attempts;
    }

    /**
     * The pointer's id: for a create or supersede, the new id NRL gave it (from {@code Location}).
     *
     * @return the id, such as {@code Y05868-1234567892}
     */
    public String pointerId() {
        return pointerId;
    }

    /**
     * The {@code X-Request-ID} sent with every attempt of the write.
     *
     * @return the request id
     */
    public String requestId() {
        return requestId;
    }

    /**
     * How many attempts the write took.
     *
     * @return 1 or more
     */
    public int attempts() {
        return attempts;
    }

    @Override
    public String toString() {
        return "WriteResult[" + pointerId + ", requestId=" + requestId + ", attempts=" + attempts + "]";
    }
}
