package uk.nhs.sdk.testkit;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import uk.nhs.sdk.testkit.internal.FakeResponse;

/**
 * Streams the bodies of faults that a response definition cannot hold: an oversized body
 * generated while it is sent, the part of a truncated body that is sent, and the part of a body
 * sent before the connection is reset ({@link ResetAfter}). {@link FaultResponses}
 * asks for them with a marker header, which is removed here. A fake's body marked with
 * {@link FakeResponse#GZIP_BODY} is gzipped while it is sent ({@link GzipOnTheFly}), before any
 * truncation.
 */
final class FaultBodies implements ResponseTransformerV2 {
    /** Marker header: generate an oversized body of this many bytes. */
    static final String GENERATE = "X-NHS-Sandbox-Generate-Body";
    /** Marker header: send only this many bytes of the body. */
    static final String SEND = "X-NHS-Sandbox-Send-Body";
    /** Marker header: send only this many bytes of the body, then reset the connection. */
    static final String RESET = "X-NHS-Sandbox-Reset-Body";

    private static final byte[] PREFIX = "{\"padding\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "\"}".getBytes(StandardCharsets.US_ASCII);

    @Override
    public String getName() {
        return "nhs-sandbox-fault-bodies";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        HttpHeaders headers = response.getHeaders();
        HttpHeader generate = headers.getHeader(GENERATE);
        HttpHeader reset = headers.getHeader(RESET);
        HttpHeader send = reset.isPresent() ? reset : headers.getHeader(SEND);
        HttpHeader gzip = headers.getHeader(FakeResponse.GZIP_BODY);
        if (!generate.isPresent() && !send.isPresent() && !gzip.isPresent()) {
            return response;
        }
        List<HttpHeader> kept = new ArrayList<>();
        for (HttpHeader h : headers.all()) {
            if (!h.keyEquals(GENERATE)
                    && !h.keyEquals(SEND)
                    && !h.keyEquals(RESET)
                    && !h.keyEquals(FakeResponse.GZIP_BODY)) {
                kept.add(h);
            }
        }
        Response.Builder b = Response.Builder.like(response).but().headers(new HttpHeaders(kept));
        if (generate.isPresent()) {
            long size = Long.parseLong(generate.firstValue());
            return b.body(() -> new GeneratedBody(size)).build();
        }
        int level = gzip.isPresent() ? Integer.parseInt(gzip.firstValue()) : 0;
        long limit = send.isPresent() ? Long.parseLong(send.firstValue()) : Long.MAX_VALUE;
        if (level > 0 && send.isPresent()) {
            // a truncated gzipped body: announce and cut the gzipped length, not the stored one
            // (else a body that compresses to under half is sent whole and nothing is cut)
            long gzipped = gzippedLength(response, level);
            List<HttpHeader> sized = new ArrayList<>();
            for (HttpHeader h : kept) {
                if (!h.keyEquals("Content-Length")) {
                    sized.add(h);
                }
            }
            sized.add(new HttpHeader("Content-Length", String.valueOf(gzipped)));
            b = b.headers(new HttpHeaders(sized));
            limit = gzipped / 2;
        }
        long cut = limit;
        boolean resetAfter = reset.isPresent();
        return b.body(() -> {
                    InputStream body =
                            level > 0 ? new GzipOnTheFly(response.getBodyStream(), level) : response.getBodyStream();
                    if (resetAfter) {
                        return new ResetAfter(new Limited(body, cut));
                    }
                    return cut == Long.MAX_VALUE ? body : new Limited(body, cut);
                })
                .build();
    }

    private static long gzippedLength(Response response, int level) {
        try (InputStream gz = new GzipOnTheFly(response.getBodyStream(), level)) {
            return gz.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot gzip the answer's body", e);
        }
    }

    /** A JSON object with one string member, {@code {"padding":"xxx…"}}, of an exact size. */
    private static final class GeneratedBody extends InputStream {
        private final long size;
        private long position;

        GeneratedBody(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            return byteAt(position++);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) byteAt(position++);
            }
            return n;
        }

        private int byteAt(long i) {
            if (i < PREFIX.length) {
                return PREFIX[(int) i];
            }
            long fromEnd = size - i;
            if (fromEnd <= SUFFIX.length) {
                return SUFFIX[SUFFIX.length - (int) fromEnd];
            }
            return 'x';
        }
    }

    /** The first {@code limit} bytes of a stream. */
    private static final class Limited extends InputStream {
        private final InputStream in;
        private long left;

        Limited(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int c = in.read();
            if (c >= 0) {
                left--;
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
