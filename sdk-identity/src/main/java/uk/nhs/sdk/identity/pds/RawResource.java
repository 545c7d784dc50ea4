package uk.nhs.sdk.identity.pds;

import java.util.Arrays;
import uk.nhs.sdk.identity.pds.internal.FhirJson;

/**
 * A resource's JSON as the response held it, written as compact text only when
 * {@link Patient#rawJson()} asks: the bytes of the body (shared by every entry of a search), with
 * the resource's offsets, or the text given to {@link Patient#fromJson(String)}. The text is what
 * writing the resource's Jackson tree gives, as before: compact, fields in document order, a
 * repeated field once with its last value. Package private.
 */
final class RawResource {
    private final byte[] bytes;
    private final int start;
    private final int end;
    private final String text;
    private volatile String written;

    private RawResource(byte[] bytes, int start, int end, String text, String written) {
        this.bytes = bytes;
        this.start = start;
        this.end = end;
        this.text = text;
        this.written = written;
    }

    /** The resource at {@code [start, end)} of a body (never changed: the response hands it out read-only). */
    static RawResource of(byte[] body, long start, long end) {
        return new RawResource(body, (int) start, (int) end, null, null);
    }

    /** The resource is the whole body. */
    static RawResource of(byte[] body) {
        return new RawResource(body, 0, body.length, null, null);
    }

    /** The resource is the whole text. */
    static RawResource of(String json) {
        return new RawResource(null, 0, 0, json, null);
    }

    /** Already written text. */
    static RawResource written(String json) {
        return new RawResource(null, 0, 0, null, json);
    }

    String text() {
        String w = written;
        if (w == null) {
            if (text != null) {
                w = FhirJson.write(FhirJson.parse(text));
            } else {
                byte[] slice = start == 0 && end == bytes.length ? bytes : Arrays.copyOfRange(bytes, start, end);
                w = FhirJson.write(FhirJson.parse(slice));
            }
            written = w;
        }
        return w;
    }
}
