package uk.nhs.sdk.messaging.mesh.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.http.NhsHeaders;
import uk.nhs.sdk.core.http.NhsRequestBody;
import uk.nhs.sdk.core.http.NhsResponse;

/**
 * Chunk splitting and per-chunk gzip at any size and any chunk size, from every kind of source,
 * round-tripped through the lazy download stream: the bytes that come out equal the bytes that
 * went in, every chunk is a replayable body of the declared length, and no spool file is left.
 */
class ChunkRoundTripPropertyTest {
    private static Path spool;

    enum Kind {
        BYTES,
        FILE,
        STREAM,
        STREAM_OF_UNKNOWN_LENGTH
    }

    @BeforeContainer
    static void createSpool() throws IOException {
        spool = Files.createTempDirectory("mesh-spool-test");
    }

    @AfterContainer
    static void removeSpool() throws IOException {
        try (Stream<Path> s = Files.list(spool)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.delete(p);
            }
        }
        Files.delete(spool);
    }

    @Property(tries = 200)
    void anySizeAnyChunkSizeRoundTrips(
            @ForAll @IntRange(min = 1, max = 3000) int chunkSize,
            @ForAll @IntRange(min = 0, max = 40) int wholeChunks,
            @ForAll @IntRange(min = 0, max = 2999) int extra,
            @ForAll boolean gzip,
            @ForAll boolean compressible,
            @ForAll Kind kind,
            @ForAll @IntRange(min = 1, max = 1000) int readSize,
            @ForAll long seed)
            throws IOException {
        byte[] data = content(wholeChunks * chunkSize + extra % chunkSize, compressible, seed);
        int expectedChunks = Math.max(1, (data.length + chunkSize - 1) / chunkSize);

        List<byte[]> wire = new ArrayList<>();
        Path file = null;
        try {
            if (kind == Kind.FILE) {
                file = Files.createTempFile(spool, "source-", ".bin");
                Files.write(file, data);
            }
            try (ChunkSource source = source(kind, data, file, chunkSize, gzip)) {
                assertThat(source.length()).isEqualTo(data.length);
                assertThat(source.chunkCount()).isEqualTo(expectedChunks);
                for (int k = 1; k <= source.chunkCount(); k++) {
                    NhsRequestBody body = source.chunk(k, "application/octet-stream");
                    byte[] sent = write(body);
                    assertThat(body.replayable()).isTrue();
                    assertThat(write(body)).as("a retry sends the same bytes").isEqualTo(sent);
                    assertThat(body.contentLength()).isEqualTo(sent.length);
                    int from = (k - 1) * chunkSize;
                    byte[] slice = Arrays.copyOfRange(data, from, Math.min(data.length, from + chunkSize));
                    assertThat(gzip ? gunzip(sent) : sent)
                            .as("chunk %d on its own", k)
                            .isEqualTo(slice);
                    wire.add(sent);
                }
            }
        } finally {
            if (file != null) {
                Files.delete(file);
            }
        }
        try (Stream<Path> left = Files.list(spool)) {
            assertThat(left).as("spool files are deleted").isEmpty();
        }

        assertThat(download(wire, gzip, readSize)).isEqualTo(data);
    }

    @Example
    void boundaries() throws IOException {
        for (int size : new int[] {1, 9, 10, 11, 20, 21}) {
            byte[] data = content(size, true, size);
            try (ChunkSource s = ChunkSource.ofBytes(data, 10, false, spool)) {
                assertThat(s.chunkCount()).as("size %d", size).isEqualTo((size + 9) / 10);
                assertThat(s.rawLength(s.chunkCount())).isEqualTo(size - 10L * (s.chunkCount() - 1));
            }
        }
    }

    @Example
    void aStreamShorterOrLongerThanDeclaredFails() throws IOException {
        try (ChunkSource s = ChunkSource.ofStream(new ByteArrayInputStream(new byte[15]), 20, 10, false, spool)) {
            s.chunk(1, "application/octet-stream");
            assertThatThrownBy(() -> s.chunk(2, "application/octet-stream"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("ended before");
        }
        try (ChunkSource s = ChunkSource.ofStream(new ByteArrayInputStream(new byte[21]), 20, 10, true, spool)) {
            s.chunk(1, "application/octet-stream");
            assertThatThrownBy(() -> s.chunk(2, "application/octet-stream"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("longer than");
        }
    }

    @Example
    void aStreamMustBeReadInOrder() throws IOException {
        try (ChunkSource s = ChunkSource.ofStream(new ByteArrayInputStream(new byte[30]), 30, 10, false, spool)) {
            assertThatThrownBy(() -> s.chunk(2, "application/octet-stream")).isInstanceOf(IllegalStateException.class);
        }
    }

    private static ChunkSource source(Kind kind, byte[] data, Path file, int chunkSize, boolean gzip)
            throws IOException {
        switch (kind) {
            case BYTES:
                return ChunkSource.ofBytes(data, chunkSize, gzip, spool);
            case FILE:
                return ChunkSource.ofFile(file, chunkSize, gzip, spool);
            case STREAM:
                return ChunkSource.ofStream(new ByteArrayInputStream(data), data.length, chunkSize, gzip, spool);
            default:
                return ChunkSource.ofStreamOfUnknownLength(new ByteArrayInputStream(data), chunkSize, gzip, spool);
        }
    }

    /** Serves the chunks as MESH would (gzip ones marked Content-Encoding: gzip) and reads them back. */
    private static byte[] download(List<byte[]> wire, boolean gzip, int readSize) throws IOException {
        List<Integer> opened = new ArrayList<>();
        ChunkedDownloadStream in = new ChunkedDownloadStream(
                response(wire.get(0), gzip),
                wire.size(),
                n -> {
                    opened.add(n);
                    return response(wire.get(n - 1), gzip);
                },
                0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[readSize];
        int n;
        while ((n = in.read(buf)) != -1) {
            out.write(buf, 0, n);
        }
        assertThat(in.read()).isEqualTo(-1);
        in.close();
        List<Integer> expected = new ArrayList<>();
        for (int k = 2; k <= wire.size(); k++) {
            expected.add(k);
        }
        assertThat(opened).as("each later chunk fetched once, in order").isEqualTo(expected);
        return out.toByteArray();
    }

    private static NhsResponse response(byte[] body, boolean gzip) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (gzip) {
            headers.add(new AbstractMap.SimpleImmutableEntry<>("Content-Encoding", "gzip"));
        }
        return NhsResponse.streaming(
                200,
                NhsHeaders.of(headers),
                new ByteArrayInputStream(body),
                CallDetails.of("MESH", "test", null, 1, null));
    }

    private static byte[] content(int size, boolean compressible, long seed) {
        byte[] data = new byte[size];
        Random r = new Random(seed);
        if (compressible) {
            for (int i = 0; i < size; i++) {
                data[i] = (byte) ("MESH chunk line,".charAt(i % 16) + (r.nextInt(50) == 0 ? 1 : 0));
            }
        } else {
            r.nextBytes(data);
        }
        return data;
    }

    private static byte[] write(NhsRequestBody body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }
}
