package uk.nhs.sdk.opentelemetry;

/**
 * The NHS error codes a span may carry in {@code nhs.error_code}. The code comes from the server's
 * body, so a hostile or broken server controls it: only codes the services document (sdk-core's
 * {@link uk.nhs.sdk.core.error.NhsErrorCodes}, the list sdk-micrometer's {@code error_code} tag
 * uses too) are recorded as they are, anything else is {@code _OTHER}. The set bounds the
 * attribute's values and keeps free text (which could echo patient data) out of traces.
 */
final class NhsErrorCodes {
    private NhsErrorCodes() {}

    /**
     * The code as recorded.
     *
     * @param code the server's code
     * @return the code when the services document it, else {@code _OTHER}
     */
    static String bounded(String code) {
        return uk.nhs.sdk.core.error.NhsErrorCodes.isDocumented(code) ? code : SpanAttributes.OTHER;
    }
}
