package uk.nhs.sdk.core.http;

import java.util.Objects;
import okhttp3.OkHttpClient;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.internal.http.OkHttpFactory;

/**
 * The connection pool and threads of one SDK instance. Create one, share it across every client
 * (clients derive their own timeouts and TLS from it without new pools), and close it when the
 * application stops.
 */
public final class NhsHttpTransport implements AutoCloseable {
    private final OkHttpClient base;

    private NhsHttpTransport(OkHttpClient base) {
        this.base = base;
    }

    /**
     * Creates a transport.
     *
     * @param options the options its clients start from
     * @return the transport
     */
    public static NhsHttpTransport create(NhsClientOptions options) {
        return new NhsHttpTransport(OkHttpFactory.base(Objects.requireNonNull(options, "options")));
    }

    /**
     * Internal: the OkHttp client configured for one client's options, sharing this transport's
     * pool and dispatcher.
     *
     * @param options the client's options
     * @return a derived client
     */
    OkHttpClient derive(NhsClientOptions options) {
        return OkHttpFactory.derive(base, options);
    }

    /**
     * Closes idle connections and stops the transport's threads.
     */
    @Override
    public void close() {
        base.dispatcher().executorService().shutdown();
        base.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "NhsHttpTransport[connections=" + base.connectionPool().connectionCount() + "]";
    }
}
