package uk.nhs.sdk.testkit.internal;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import wiremock.jakarta.servlet.DispatcherType;
import wiremock.jakarta.servlet.Filter;
import wiremock.jakarta.servlet.FilterChain;
import wiremock.jakarta.servlet.ReadListener;
import wiremock.jakarta.servlet.ServletException;
import wiremock.jakarta.servlet.ServletInputStream;
import wiremock.jakarta.servlet.ServletRequest;
import wiremock.jakarta.servlet.ServletResponse;
import wiremock.jakarta.servlet.http.HttpServletRequest;
import wiremock.jakarta.servlet.http.HttpServletRequestWrapper;
import wiremock.org.eclipse.jetty.servlet.FilterHolder;
import wiremock.org.eclipse.jetty.servlet.ServletContextHandler;

/**
 * Streams the raw bodies of POST requests under chosen paths to files before WireMock sees them,
 * and hands WireMock an empty body instead.
 *
 * <p>Two reasons. WireMock reads a whole body into the heap and silently un-gzips any body that is
 * marked {@code Content-Encoding: gzip} or merely starts with gzip's magic bytes; a MESH fake must
 * keep a chunk exactly as uploaded (gzip or an application's own compressed file) and must hold
 * messages of a gigabyte or more without holding them in memory.
 *
 * <p>The file of the request being handled is {@link #current()} on the thread that handles it
 * (WireMock calls the fakes on the servlet's thread); a fake moves it away to keep it, otherwise
 * it is deleted when the request ends.
 */
public final class RequestBodySpool {
    private final Path directory;
    private final List<String> pathSpecs = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Path> current = new ThreadLocal<>();

    /**
     * Creates a spool that spools nothing until paths are added with {@link #spool(String)}.
     *
     * @param directory where bodies are written; created when absent
     */
    public RequestBodySpool(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the request body directory", e);
        }
    }

    /**
     * Spools the POST bodies of more requests; takes effect for a server built after the call.
     *
     * @param pathSpec the servlet path spec of the requests, such as {@code /messageexchange/*}
     * @return this spool
     */
    public RequestBodySpool spool(String pathSpec) {
        pathSpecs.add(Objects.requireNonNull(pathSpec, "pathSpec"));
        return this;
    }

    /**
     * The raw body of the request this thread is handling, when it was spooled.
     *
     * @return the file, which the caller may move
     */
    public Optional<Path> current() {
        return Optional.ofNullable(current.get());
    }

    /**
     * The server factory that installs this spool in front of WireMock's stub servlet.
     *
     * @return the factory, for {@code WireMockConfiguration.httpServerFactory}
     */
    public HttpServerFactory serverFactory() {
        return new HttpServerFactory() {
            @Override
            public HttpServer buildHttpServer(Options options, AdminRequestHandler admin, StubRequestHandler stubs) {
                return new Jetty11HttpServer(options, admin, stubs) {
                    @Override
                    protected void decorateMockServiceContextBeforeConfig(ServletContextHandler context) {
                        for (String pathSpec : pathSpecs) {
                            context.addFilter(
                                    new FilterHolder(new SpoolingFilter()),
                                    pathSpec,
                                    EnumSet.of(DispatcherType.REQUEST));
                        }
                    }
                };
            }
        };
    }

    private final class SpoolingFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            if (!"POST".equalsIgnoreCase(http.getMethod())) {
                chain.doFilter(request, response);
                return;
            }
            Path file = Files.createTempFile(directory, "body-", ".part");
            try {
                try (InputStream in = http.getInputStream();
                        OutputStream out = Files.newOutputStream(file)) {
                    in.transferTo(out);
                }
                current.set(file);
                chain.doFilter(new EmptyBody(http), response);
            } finally {
                current.remove();
                Files.deleteIfExists(file);
            }
        }
    }

    /** The request with its body already taken. */
    private static final class EmptyBody extends HttpServletRequestWrapper {
        EmptyBody(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() {
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return true;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    try {
                        listener.onAllDataRead();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public int read() {
                    return -1;
                }
            };
        }
    }
}
