package uk.nhs.sdk.messaging.mesh;

import java.nio.file.Path;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.http.NhsHttpClient;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.messaging.mesh.internal.MeshErrorDecoder;

/**
 * What every part of a {@link MeshClient} shares: the HTTP client, the mailbox and the client's
 * settings, and the one place MESH's own statuses get their own exception types.
 */
final class MeshCalls {
    static final String ACCEPT_V2 = "application/vnd.mesh.v2+json";
    static final String OCTET_STREAM = "application/octet-stream";

    final NhsHttpClient http;
    final String mailbox;
    final NhsClientOptions options;
    final int chunkSize;
    final boolean acceptGzip;
    final Path spoolDirectory;

    MeshCalls(NhsHttpClient http, String mailbox, NhsClientOptions options, int chunkSize, boolean acceptGzip,
            Path spoolDirectory) {
        this.http = http;
        this.mailbox = mailbox;
        this.options = options;
        this.chunkSize = chunkSize;
        this.acceptGzip = acceptGzip;
        this.spoolDirectory = spoolDirectory;
    }

    /** The same settings over a view of the HTTP client with per-call overrides. */
    MeshCalls withCallOptions(uk.nhs.sdk.core.CallOptions callOptions) {
        return new MeshCalls(http.withCallOptions(callOptions), mailbox, options, chunkSize, acceptGzip,
                spoolDirectory);
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
