package uk.nhs.sdk.testkit.internal;

/**
 * The path and query of a request's URL as the server received it ({@code /path?query}), split
 * without {@link java.net.URI}, which refuses characters clients send unencoded (such as the
 * {@code |} of a FHIR token search, {@code identifier=system|value}).
 */
public final class RequestTarget {
    private RequestTarget() {}

    /**
     * The raw path: everything before the first {@code ?}.
     *
     * @param url the request's URL, such as WireMock's {@code Request.getUrl()}
     * @return the path, still percent-encoded
     */
    public static String rawPath(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /**
     * The raw query: everything after the first {@code ?}.
     *
     * @param url the request's URL
     * @return the query, still percent-encoded; empty when there is none
     */
    public static String rawQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? "" : url.substring(q + 1);
    }
}
