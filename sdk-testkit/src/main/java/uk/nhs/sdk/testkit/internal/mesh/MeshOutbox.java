package uk.nhs.sdk.testkit.internal.mesh;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import uk.nhs.sdk.testkit.internal.FakeResponse;
import uk.nhs.sdk.testkit.internal.RequestBodySpool;
import uk.nhs.sdk.testkit.internal.mesh.MeshDirectory.Mailbox;
import uk.nhs.sdk.testkit.internal.mesh.MeshMessage.Status;

/**
 * The fake's outbox: a message's first chunk ({@code POST /messageexchange/{mailbox}/outbox}) and
 * its later chunks, each checked as real MESH checks them (recipient, encoding, chunk order and
 * range, sender). Internal.
 */
final class MeshOutbox {
    private final MeshDirectory directory;
    private final MeshStore store;
    private final RequestBodySpool bodies;
    private final Function<MeshCall, Mailbox> authenticator;

    MeshOutbox(
            MeshDirectory directory,
            MeshStore store,
            RequestBodySpool bodies,
            Function<MeshCall, Mailbox> authenticator) {
        this.directory = directory;
        this.store = store;
        this.bodies = bodies;
        this.authenticator = authenticator;
    }

    ResponseDefinition send(MeshCall call) {
        Mailbox sender = authenticator.apply(call);
        int v = call.apiVersion();
        MeshSendHeaders headers = MeshSendHeaders.parse(call);
        if (headers.to().isEmpty()) {
            throw MeshErrors.refuse(400, v, MeshError.MISSING_TO_ADDRESS);
        }
        String encoding = contentEncoding(call);
        if (!encoding.isEmpty() && !encoding.equals("gzip")) {
            throw MeshErrors.refuse(422, v, MeshError.UNSUPPORTED_CONTENT_ENCODING);
        }
        int total = 1;
        if (headers.chunkRange().isPresent()) {
            Optional<ChunkRange> range = ChunkRange.parse(headers.chunkRange().get());
            if (range.isEmpty() || range.get().number() != 1) {
                throw MeshErrors.refuse(417, v, MeshError.INVALID_HEADER_CHUNKS);
            }
            total = range.get().total();
        }
        Mailbox recipient = directory
                .mailbox(headers.to())
                .orElseThrow(() -> MeshErrors.refuse(417, v, MeshError.UNREGISTERED_RECIPIENT));
        Path body = rawBody();
        if (size(body) == 0) {
            throw MeshErrors.refuse(417, v, MeshError.MISSING_DATA_FILE);
        }
        MeshMessage m = store.create(Optional.of(sender), recipient, headers, total, encoding);
        try {
            store.putChunk(m, 1, body);
        } catch (RuntimeException e) {
            store.discard(m);
            throw e;
        }
        return MeshFake.json(202, MeshErrors.JSON, Map.of(v >= 2 ? "message_id" : "messageID", m.id));
    }

    private Path rawBody() {
        return bodies.current().orElseThrow(() -> new IllegalStateException("the request body was not spooled"));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a request body", e);
        }
    }

    private static String contentEncoding(MeshCall call) {
        return call.header("content-encoding")
                .map(e -> e.strip().toLowerCase(Locale.ROOT))
                .orElse("");
    }

    ResponseDefinition sendChunk(MeshCall call) {
        Mailbox sender = authenticator.apply(call);
        int v = call.apiVersion();
        String id = call.segment(3).toUpperCase(Locale.ROOT);
        int n = pathNumber(call.segment(4));
        String rangeHeader = call.header("mex-chunk-range").map(String::strip).orElse("");
        Optional<ChunkRange> range = ChunkRange.parse(rangeHeader);
        if (range.isEmpty() || range.get().number() != n) {
            throw MeshErrors.refuse(417, v, MeshError.INVALID_HEADER_CHUNKS, id);
        }
        synchronized (store) {
            MeshMessage m = store.get(id).orElseThrow(() -> MeshErrors.refuse(404, v, MeshError.NOT_FOUND));
            if (!m.sender.map(s -> s.id().equals(sender.id())).orElse(false)) {
                throw MeshErrors.refuse(403, v, MeshError.FORBIDDEN);
            }
            if (m.status != Status.UPLOADING) {
                throw MeshErrors.internal(423);
            }
            if (n > m.totalChunks) {
                throw MeshErrors.internal(406);
            }
            if (range.get().total() != m.totalChunks || n > m.receivedChunks() + 1) {
                throw MeshErrors.refuse(417, v, MeshError.INVALID_HEADER_CHUNKS, id);
            }
            if (!contentEncoding(call).equals(m.contentEncoding)) {
                throw MeshErrors.refuse(417, v, MeshError.CONTENT_ENCODING_CHANGED, id);
            }
            Path body = rawBody();
            if (size(body) == 0) {
                throw MeshErrors.refuse(417, v, MeshError.MISSING_DATA_FILE, id);
            }
            store.putChunk(m, n, body);
        }
        if (v >= 2) {
            return FakeResponse.json(202, "null");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageID", id);
        body.put("blockID", n);
        return MeshFake.json(202, MeshErrors.JSON, body);
    }

    static int pathNumber(String segment) {
        if (!segment.matches("[0-9]{1,9}")) {
            throw MeshErrors.invalid(
                    "int_parsing",
                    "path",
                    "chunk_number",
                    "Input should be a valid integer, unable to parse string as an integer");
        }
        return Integer.parseInt(segment);
    }
}
