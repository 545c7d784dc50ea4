package uk.nhs.sdk.records.ods.internal;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A search's {@code next} link, accepted only when it stays on the client's base URL and
 * resource: a link to another host, scheme, port or path is refused, so a page cannot send the
 * client (and its API key) elsewhere.
 */
public final class NextLink {
    private final String resourcePath;
    private final List<Map.Entry<String, String>> query;

    private NextLink(String resourcePath, List<Map.Entry<String, String>> query) {
        this.resourcePath = resourcePath;
        this.query = List.copyOf(query);
    }

    /**
     * Checks a link.
     *
     * @param link the link as sent
     * @param baseUrl the client's base URL
     * @param resourcePath the searched path below the base, such as {@code /Organization}
     * @return the link's query, or empty when the link leaves the base URL or the resource
     */
    public static Optional<NextLink> check(URI link, URI baseUrl, String resourcePath) {
        Objects.requireNonNull(link, "link");
        if (!link.isAbsolute() || link.getRawFragment() != null || link.getRawUserInfo() != null) {
            return Optional.empty();
        }
        if (!link.getScheme().equalsIgnoreCase(baseUrl.getScheme())
                || link.getHost() == null
                || !link.getHost()
                        .toLowerCase(Locale.ROOT)
                        .equals(baseUrl.getHost().toLowerCase(Locale.ROOT))
                || port(link) != port(baseUrl)) {
            return Optional.empty();
        }
        String base = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (!(base + resourcePath).equals(link.getRawPath())) {
            return Optional.empty();
        }
        List<Map.Entry<String, String>> q = new ArrayList<>();
        String raw = link.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                q.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            }
        }
        return Optional.of(new NextLink(resourcePath, List.copyOf(q)));
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /**
     * The path below the base URL.
     *
     * @return for example {@code /Organization}
     */
    public String resourcePath() {
        return resourcePath;
    }

    /**
     * The link's query parameters, decoded, in order.
     *
     * @return the parameters
     */
    public List<Map.Entry<String, String>> query() {
        return query;
    }
}
