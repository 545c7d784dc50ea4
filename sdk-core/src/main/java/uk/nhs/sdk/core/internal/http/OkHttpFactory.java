package uk.nhs.sdk.core.internal.http;

import java.time.Duration;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import uk.nhs.sdk.core.NhsClientOptions;

/**
 * Builds the OkHttp clients behind the SDK's transport. Internal.
 */
public final class OkHttpFactory {
    private OkHttpFactory() {}

    /**
     * The base client of a transport: its own pool and dispatcher.
     *
     * @param options the options
     * @return the client
     */
    public static OkHttpClient base(NhsClientOptions options) {
        OkHttpClient shared = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(64, 5, java.util.concurrent.TimeUnit.MINUTES))
                .dispatcher(new Dispatcher())
                .build();
        return derive(shared, options);
    }

    /**
     * A client for one set of options, sharing the base's pool and dispatcher.
     *
     * @param base the transport's base client
     * @param options the options
     * @return the client
     */
    public static OkHttpClient derive(OkHttpClient base, NhsClientOptions options) {
        Duration attempt = options.attemptTimeout();
        OkHttpClient.Builder b = base.newBuilder()
                .connectTimeout(options.connectTimeout())
                .readTimeout(attempt)
                .writeTimeout(attempt)
                .callTimeout(Duration.ZERO)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(true)
                .eventListenerFactory(AttemptState.LISTENER_FACTORY);
        if (!base.networkInterceptors().contains(RetryAfterGuard.INSTANCE)) {
            b.addNetworkInterceptor(RetryAfterGuard.INSTANCE);
        }
        options.proxySelector().ifPresent(b::proxySelector);
        options.tls().ifPresent(t -> b.sslSocketFactory(t.sslContext().getSocketFactory(), t.trustManager()));
        return b.build();
    }
}
