package uk.nhs.sdk.messaging.mesh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import uk.nhs.sdk.core.CallOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.http.NhsHttpClient;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsResponse;

/**
 * What every part of a {@link MeshClient} shares: the HTTP client, the mailbox and the client's
 * settings, and the one place MESH's own statuses get their own exception types.
 *
 * <p>Chunk transfers (a chunk download, read at the caller's pace, and a chunk upload) run with
 * their own deadline ({@link #transfer}), since a chunk of up to 100 MB on a slow link, or read by
 * a slow handler, cannot fit the deadline meant for a small JSON call: the deadline of the view's
 * {@link CallOptions} when it sets one, else the client's transfer deadline.
 */
final class MeshCalls {
    static final String ACCEPT_V2 = "application/vnd.mesh.v2+json";
    static final String OCTET_STREAM = "application/octet-stream";

    /** The client built (and owned) by the builder; views are made from it. */
    private final NhsHttpClient root;

    final NhsHttpClient http;
    final String mailbox;
    final NhsClientOptions options;
    final int chunkSize;
    final boolean acceptGzip;
    final Path spoolDirectory;
    final Duration transferDeadline;
    private final NhsHttpClient transferHttp;

    MeshCalls(
            NhsHttpClient http,
            String mailbox,
            NhsClientOptions options,
            int chunkSize,
            boolean acceptGzip,
            Path spoolDirectory,
            Duration transferDeadline) {
        this(http, http, CallOptions.none(), mailbox, options, chunkSize, acceptGzip, spoolDirectory, transferDeadline);
    }

    private MeshCalls(
            NhsHttpClient root,
            NhsHttpClient http,
            CallOptions callOptions,
            String mailbox,
            NhsClientOptions options,
            int chunkSize,
            boolean acceptGzip,
            Path spoolDirectory,
            Duration transferDeadline) {
        this.root = root;
        this.http = http;
        this.mailbox = mailbox;
        this.options = options;
        this.chunkSize = chunkSize;
        this.acceptGzip = acceptGzip;
        this.spoolDirectory = spoolDirectory;
        this.transferDeadline = transferDeadline;
        this.transferHttp = root.withCallOptions(
                withDeadline(callOptions, callOptions.deadline().orElse(transferDeadline)));
    }

    /** The same settings over a view of the HTTP client with per-call overrides. */
    MeshCalls withCallOptions(CallOptions value) {
        return new MeshCalls(
                root,
                root.withCallOptions(value),
                value,
                mailbox,
                options,
                chunkSize,
                acceptGzip,
                spoolDirectory,
                transferDeadline);
    }

    /** The view's options with another deadline. */
    private static CallOptions withDeadline(CallOptions base, Duration deadline) {
        CallOptions.Builder b = CallOptions.builder().deadline(deadline);
        base.correlationId().ifPresent(b::correlationId);
        for (Map.Entry<String, String> h : base.headers()) {
            b.header(h.getKey(), h.getValue());
        }
        return b.build();
    }

    /** Executes a chunk transfer with the transfer deadline, giving MESH's own error statuses their own types. */
    NhsResponse transfer(NhsRequest request) {
        try {
            return transferHttp.execute(request);
        } catch (NhsServiceException e) {
            throw meshException(e);
        }
    }

    /** Executes a request, giving MESH's own error statuses their own types. */
    NhsResponse call(NhsRequest request) {
        try {
            return http.execute(request);
        } catch (NhsServiceException e) {
            throw meshException(e);
        }
    }

    /** Gives MESH's own statuses their own types; everything else keeps the core's type. */
    static NhsServiceException meshException(NhsServiceException e) {
        String code = e.errorCode().orElse(null);
        switch (e.status()) {
            case 300:
                return new MeshLocalIdNotUniqueException(e.status(), code, e.details());
            case 410:
                return new MeshMessageGoneException(e.status(), code, e.details());
            case 417:
                return new MeshRejectedException(e.status(), code, e.details());
            case 423:
                return new MeshMessageFinalisedException(e.status(), code, e.details());
            default:
                return e;
        }
    }
}
