package uk.nhs.sdk.identity.oidc;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import uk.nhs.sdk.core.error.NhsConfigurationException;

/** Checks a redirect URI against OAuth's and the provider's rules. Internal. */
final class RedirectUris {
    private RedirectUris() {}

    static void check(OidcProvider provider, URI uri) {
        String scheme = uri.getScheme();
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new NhsConfigurationException("redirectUri must be an absolute URL");
        }
        if (uri.getRawFragment() != null) {
            throw new NhsConfigurationException("redirectUri must have no fragment");
        }
        boolean https = "https".equalsIgnoreCase(scheme);
        boolean http = "http".equalsIgnoreCase(scheme);
        if (!https && !(http && loopback(uri.getHost()))) {
            throw new NhsConfigurationException("redirectUri must be https (http only to a loopback host)");
        }
        if (provider.kind() == OidcProvider.Kind.NHS_LOGIN && uri.getRawQuery() != null) {
            throw new NhsConfigurationException("NHS login redirect URIs take no query string");
        }
    }

    static boolean loopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
