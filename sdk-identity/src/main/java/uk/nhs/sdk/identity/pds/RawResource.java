package uk.nhs.sdk.identity.pds;

import java.util.Arrays;
import uk.nhs.sdk.identity.pds.internal.FhirJson;

/**
 * A resource's JSON as the response held it, written as compact text only when
 * {@link Patient#rawJson()} asks: the bytes of the body (for a search entry, a copy of its own
 * slice of the body), or the text given to {@link Patient#fromJson(String)}. The text is what
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

    /**
     * The resource at {@code [start, end)} of a body, copied: a search's Patient keeps only its own
     * bytes, not the whole Bundle's (keeping one match of fifty must not keep the other 49 alive).
     */
    static RawResource of(byte[] body, long start, long end) {
        byte[] own = Arrays.copyOfRange(body, (int) start, (int) end);
        return new RawResource(own, 0, own.length, null, null);
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
