package uk.nhs.sdk.identity.oidc;

import java.net.URI;
import uk.nhs.sdk.core.error.NhsConfigurationException;

/** The check for URLs a credential is sent to: https, or http to a loopback host only. Internal. */
final class HttpsUrls {
    private HttpsUrls() {}

    /**
     * Refuses a URL that would carry a secret (client secret, client assertion, ID token) in the
     * clear or to somewhere unexpected.
     *
     * @param field the builder field, for the message
     * @param url the URL
     * @return the URL
     * @throws NhsConfigurationException when not absolute https (http only to a loopback host), or
     *     with a query or fragment
     */
    static URI require(String field, URI url) {
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        boolean http = "http".equalsIgnoreCase(url.getScheme());
        if (!url.isAbsolute()
                || url.getHost() == null
                || !(https || http && RedirectUris.loopback(url.getHost()))
                || url.getRawQuery() != null
                || url.getRawFragment() != null) {
            throw new NhsConfigurationException(field + " must be an absolute https URL (http only to a loopback host)"
                    + " without query or fragment");
        }
        return url;
    }
}
