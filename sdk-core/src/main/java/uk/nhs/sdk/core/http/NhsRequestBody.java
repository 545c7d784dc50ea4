package uk.nhs.sdk.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A request body: its content type, its length when known, how to write it, and whether it can
 * be written again for a retry.
 */
public abstract class NhsRequestBody {
    private final String contentType;

    /**
     * Creates a body.
     *
     * @param contentType the media type, such as {@code application/fhir+json}
     */
    protected NhsRequestBody(String contentType) {
        this.contentType = Objects.requireNonNull(contentType, "contentType");
    }

    /**
     * The media type.
     *
     * @return the content type
     */
    public final String contentType() {
        return contentType;
    }

    /**
     * The length in bytes.
     *
     * @return the length, or -1 when unknown (sent chunked)
     */
    public abstract long contentLength();

    /**
     * Whether {@link #writeTo(OutputStream)} may be called more than once.
     *
     * @return {@code true} when the body can be replayed
     */
    public abstract boolean replayable();

    /**
     * Writes the body.
     *
     * @param out the destination; not closed by this method
     * @throws IOException when the source or the destination fails
     */
    public abstract void writeTo(OutputStream out) throws IOException;

    /**
     * A body from bytes (replayable). The array is not copied: do not change it afterwards.
     *
     * @param bytes the content
     * @param contentType the media type
     * @return the body
     */
    public static NhsRequestBody ofBytes(byte[] bytes, String contentType) {
        Objects.requireNonNull(bytes, "bytes");
        return new NhsRequestBody(contentType) {
            @Override
            public long contentLength() {
                return bytes.length;
            }

            @Override
            public boolean replayable() {
                return true;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(bytes);
            }
        };
    }

    /**
     * A body from text, encoded as UTF-8 (replayable).
     *
     * @param text the content
     * @param contentType the media type
     * @return the body
     */
    public static NhsRequestBody ofString(String text, String contentType) {
        return ofBytes(text.getBytes(StandardCharsets.UTF_8), contentType);
    }

    /**
     * A JSON body (replayable).
     *
     * @param json the JSON text
     * @param contentType the media type, such as {@code application/json-patch+json}
     * @return the body
     */
    public static NhsRequestBody ofJson(String json, String contentType) {
        return ofString(json, contentType);
    }

    /**
     * An {@code application/x-www-form-urlencoded} body (replayable), fields in the map's order.
     *
     * @param fields the form fields
     * @return the body
     */
    public static NhsRequestBody ofForm(Map<String, String> fields) {
        StringJoiner j = new StringJoiner("&");
        fields.forEach((k, v) -> j.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return ofString(j.toString(), "application/x-www-form-urlencoded");
    }

    /**
     * A streamed body.
     *
     * @param source opens the stream; called once per write
     * @param length the length in bytes, or -1 when unknown
     * @param contentType the media type
     * @param replayable whether {@code source} can be opened again for a retry
     * @return the body
     */
    public static NhsRequestBody ofStream(
            InputStreamSupplier source, long length, String contentType, boolean replayable) {
        Objects.requireNonNull(source, "source");
        return new NhsRequestBody(contentType) {
            @Override
            public long contentLength() {
                return length;
            }

            @Override
            public boolean replayable() {
                return replayable;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                try (InputStream in = source.open()) {
                    in.transferTo(out);
                }
            }
        };
    }

    /**
     * Opens a stream of body bytes.
     */
    @FunctionalInterface
    public interface InputStreamSupplier {
        /**
         * Opens the stream.
         *
         * @return a new stream positioned at the start of the body
         * @throws IOException when it cannot be opened
         */
        InputStream open() throws IOException;
    }
}
