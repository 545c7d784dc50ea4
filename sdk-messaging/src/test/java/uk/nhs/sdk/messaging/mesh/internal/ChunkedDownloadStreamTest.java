package uk.nhs.sdk.messaging.mesh.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsTimeoutException;
import uk.nhs.sdk.core.http.NhsHeaders;
import uk.nhs.sdk.core.http.NhsResponse;

/** Laziness, per-chunk decoding and resumption of the chunked download stream. */
class ChunkedDownloadStreamTest {
    private static final CallDetails DETAILS = CallDetails.of("MESH", "req", null, 1, null);
    private final List<Integer> opened = new ArrayList<>();

    private static NhsResponse response(InputStream body, boolean gzip) {
        return NhsResponse.streaming(
                206,
                NhsHeaders.of(gzip ? List.of(Map.entry("content-encoding", "gzip")) : List.of()),
                body,
                CallDetails.of("MESH", "req", null, 1, null));
    }

    private static NhsResponse response(String body) {
        return response(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), false);
    }

    @Test
    void chunkTwoIsFetchedOnlyWhenChunkOneIsUsedUp() throws IOException {
        ChunkedDownloadStream in = new ChunkedDownloadStream(
                response("first|"),
                2,
                n -> {
                    opened.add(n);
                    return response("second");
                },
                2);

        byte[] six = new byte[6];
        assertThat(in.read(six)).isEqualTo(6);
        assertThat(new String(six, StandardCharsets.UTF_8)).isEqualTo("first|");
        assertThat(opened).as("all of chunk 1 read, chunk 2 not yet needed").isEmpty();
        assertThat(in.currentChunk()).isEqualTo(1);

        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second");
        assertThat(opened).containsExactly(2);
        assertThat(in.currentChunk()).isEqualTo(2);
    }

    @Test
    void eachChunkIsDecodedOnItsOwn() throws IOException {
        byte[] again = gzip("gzipped again");
        ChunkedDownloadStream in = new ChunkedDownloadStream(
                response(new ByteArrayInputStream(gzip("gzipped,")), true),
                3,
                n -> n == 2 ? response("plain,") : response(new ByteArrayInputStream(again), true),
                0);

        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("gzipped,plain,gzipped again");
    }

    @Test
    void aBrokenChunkIsFetchedAgainAndTheDeliveredBytesSkipped() throws IOException {
        byte[] chunk1 = "0123456789".getBytes(StandardCharsets.UTF_8);
        ChunkedDownloadStream in = new ChunkedDownloadStream(
                response(new BreaksAfter(chunk1, 4), false),
                2,
                n -> {
                    opened.add(n);
                    return n == 1 ? response("0123456789") : response("abc");
                },
                1);

        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("0123456789abc");
        assertThat(opened).containsExactly(1, 2);
    }

    @Test
    void aGzipChunkIsResumedInDecodedBytes() throws IOException {
        byte[] gz = gzip("line one\nline two\n".repeat(200));
        ChunkedDownloadStream in = new ChunkedDownloadStream(
                response(new BreaksAfter(gz, gz.length / 2), true),
                1,
                n -> response(new ByteArrayInputStream(gz), true),
                1);

        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("line one\nline two\n".repeat(200));
    }

    @Test
    void whenTheResumesAreUsedUpTheReadFails() {
        byte[] chunk1 = "0123456789".getBytes(StandardCharsets.UTF_8);
        ChunkedDownloadStream in = new ChunkedDownloadStream(
                response(new BreaksAfter(chunk1, 2), false),
                1,
                n -> {
                    opened.add(n);
                    return response(new BreaksAfter(chunk1, 2), false);
                },
                2);

        assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("reset");
        assertThat(opened).containsExactly(1, 1);
    }

    @Test
    void afterAFailedReadTheStreamNeverPretendsToHaveEnded() {
        // a handler that swallows the failure and reads on must not see the end of the message
        byte[] chunk1 = "0123456789".getBytes(StandardCharsets.UTF_8);
        ChunkedDownloadStream in = new ChunkedDownloadStream(
                response(new BreaksAfter(chunk1, 2), false), 1, n -> response(new BreaksAfter(chunk1, 2), false), 0);

        assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class);

        assertThatThrownBy(in::read).isInstanceOf(IOException.class);
        assertThat(in.readToEnd()).isFalse();
    }

    @Test
    void afterALaterChunkCouldNotBeFetchedTheStreamNeverPretendsToHaveEnded() {
        ChunkedDownloadStream in = new ChunkedDownloadStream(
                response("first|"),
                2,
                n -> {
                    throw new IllegalStateException("chunk range does not fit");
                },
                0);

        assertThatThrownBy(in::readAllBytes).isInstanceOf(IllegalStateException.class);

        assertThatThrownBy(in::read).isInstanceOf(IOException.class);
        assertThat(in.readToEnd()).isFalse();
    }

    @Test
    void aChunkThatStalledPastTheAttemptTimeoutIsFetchedAgainLikeABrokenOne() throws IOException {
        // the SDK reports a stalled body read as the unchecked NhsTimeoutException caused by a SocketTimeoutException
        byte[] chunk1 = "0123456789".getBytes(StandardCharsets.UTF_8);
        ChunkedDownloadStream in = new ChunkedDownloadStream(
                response(
                        new FailsAfter(
                                chunk1,
                                4,
                                new NhsTimeoutException(
                                        "the response body stalled",
                                        DETAILS,
                                        false,
                                        null,
                                        new SocketTimeoutException("timeout"))),
                        false),
                2,
                n -> {
                    opened.add(n);
                    return n == 1 ? response("0123456789") : response("abc");
                },
                1);

        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("0123456789abc");
        assertThat(opened).containsExactly(1, 2);
    }

    @Test
    void aChunkWhoseDeadlinePassedBreaksTheStreamForGoodAndReleasesTheConnection() throws IOException {
        // the body would go on after the failure: the stream must not
        byte[] chunk1 = "0123456789".getBytes(StandardCharsets.UTF_8);
        FailsAfter body = new FailsAfter(
                chunk1,
                4,
                new NhsTimeoutException(
                        "the call's deadline passed while reading the response body",
                        DETAILS,
                        false,
                        null,
                        new InterruptedIOException("timeout")));
        ChunkedDownloadStream in = new ChunkedDownloadStream(
                response(body, false),
                1,
                n -> {
                    opened.add(n);
                    return response("0123456789");
                },
                2);

        assertThat(in.readNBytes(4)).hasSize(4);
        assertThatThrownBy(() -> in.read(new byte[8])).isInstanceOf(NhsTimeoutException.class);
        assertThat(body.closed).as("the connection is released at once").isTrue();

        assertThatThrownBy(() -> in.read(new byte[8])).isInstanceOf(IOException.class);
        assertThat(in.readToEnd()).isFalse();
        assertThat(opened)
                .as("a deadline is not cured by fetching the chunk again")
                .isEmpty();
    }

    @Test
    void anyOtherUncheckedFailureOfAReadBreaksTheStreamForGood() throws IOException {
        byte[] chunk1 = "0123456789".getBytes(StandardCharsets.UTF_8);
        FailsAfter body = new FailsAfter(chunk1, 4, new IllegalStateException("decoder failed"));
        ChunkedDownloadStream in = new ChunkedDownloadStream(
                response(body, false),
                1,
                n -> {
                    opened.add(n);
                    return response("0123456789");
                },
                2);

        assertThat(in.readNBytes(4)).hasSize(4);
        assertThatThrownBy(() -> in.read(new byte[8])).isInstanceOf(IllegalStateException.class);

        assertThatThrownBy(() -> in.read(new byte[8])).isInstanceOf(IOException.class);
        assertThat(in.readToEnd()).isFalse();
        assertThat(body.closed).isTrue();
        assertThat(opened).isEmpty();
    }

    @Test
    void aChunkThatKeepsStallingEndsWithTheTimeoutAndTheStreamStaysBroken() {
        byte[] chunk1 = "0123456789".getBytes(StandardCharsets.UTF_8);
        ChunkedDownloadStream in = new ChunkedDownloadStream(
                response(stalls(chunk1), false),
                1,
                n -> {
                    opened.add(n);
                    return response(stalls(chunk1), false);
                },
                1);

        assertThatThrownBy(in::readAllBytes).isInstanceOf(NhsTimeoutException.class);
        assertThat(opened).containsExactly(1);

        assertThatThrownBy(in::read).isInstanceOf(IOException.class);
        assertThat(in.readToEnd()).isFalse();
        assertThat(opened).containsExactly(1);
    }

    private static FailsAfter stalls(byte[] data) {
        return new FailsAfter(
                data,
                4,
                new NhsTimeoutException(
                        "the response body stalled", DETAILS, false, null, new SocketTimeoutException("timeout")));
    }

    @Test
    void readToEndIsTrueOnlyOnceEveryChunkWasReadAndNeverFetchesAChunk() throws IOException {
        ChunkedDownloadStream in = new ChunkedDownloadStream(
                response("first|"),
                2,
                n -> {
                    opened.add(n);
                    return response("second");
                },
                0);

        assertThat(in.readToEnd()).as("chunk 2 not read").isFalse();
        assertThat(in.readNBytes(6)).hasSize(6);
        assertThat(in.readToEnd()).as("still on chunk 1").isFalse();
        assertThat(opened).isEmpty();
        assertThat(in.readNBytes(7)).hasSize(6);
        assertThat(in.readToEnd()).isTrue();
    }

    @Test
    void aClosedStreamRefusesReadsAndClosesTheResponse() throws IOException {
        boolean[] closed = new boolean[1];
        InputStream body = new ByteArrayInputStream(new byte[10]) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        ChunkedDownloadStream in = new ChunkedDownloadStream(response(body, false), 1, n -> response("x"), 0);
        in.close();
        assertThat(closed[0]).isTrue();
        assertThatThrownBy(in::read).isInstanceOf(IOException.class);
    }

    private static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /**
     * Delivers the first {@code n} bytes, then throws {@code failure} once, then (unlike a real
     * connection) would deliver the rest.
     */
    private static final class FailsAfter extends InputStream {
        private final byte[] data;
        private final int n;
        private final RuntimeException failure;
        private int pos;
        private boolean failed;
        boolean closed;

        FailsAfter(byte[] data, int n, RuntimeException failure) {
            this.data = data;
            this.n = n;
            this.failure = failure;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= n && !failed) {
                failed = true;
                throw failure;
            }
            if (pos >= data.length) {
                return -1;
            }
            int c = Math.min(len, (pos < n ? n : data.length) - pos);
            System.arraycopy(data, pos, b, off, c);
            pos += c;
            return c;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Delivers the first {@code n} bytes, then fails like a reset connection. */
    private static final class BreaksAfter extends InputStream {
        private final byte[] data;
        private final int n;
        private int pos;

        BreaksAfter(byte[] data, int n) {
            this.data = data;
            this.n = n;
        }

        @Override
        public int read() throws IOException {
            if (pos >= n) {
                throw new IOException("connection reset");
            }
            return data[pos++] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= n) {
                throw new IOException("connection reset");
            }
            int c = Math.min(len, n - pos);
            System.arraycopy(data, pos, b, off, c);
            pos += c;
            return c;
        }
    }
}
