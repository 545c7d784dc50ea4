package uk.nhs.sdk.identity.oidc;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/** The query of an authorization redirect: {@code code}, {@code state}, {@code error}. Internal. */
final class Callback {
    private final String code;
    private final String state;

    private Callback(String code, String state) {
        this.code = code;
        this.state = state;
    }

    String code() {
        return code;
    }

    String state() {
        return state;
    }

    /** Parses the redirect; a provider {@code error} is thrown at once. */
    static Callback parse(URI callback) {
        Map<String, String> q = new HashMap<>();
        String raw = callback.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                q.putIfAbsent(name, value);
            }
        }
        if (q.containsKey("error")) {
            throw new AuthorizationCallbackException(AuthorizationCallbackException.Reason.PROVIDER_ERROR, q.get("error"));
        }
        return new Callback(q.get("code"), q.get("state"));
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Constant-time state comparison; a mismatch is a possible CSRF. */
    static void checkState(String expected, String returned) {
        if (returned == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                returned.getBytes(StandardCharsets.UTF_8))) {
            throw new AuthorizationCallbackException(AuthorizationCallbackException.Reason.STATE_MISMATCH, null);
        }
    }
}
