package uk.nhs.sdk.identity.oidc;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The query of an authorization redirect: {@code code}, {@code state}, {@code error}. Internal. */
final class Callback {
    private static final Set<String> SINGLE = Set.of("code", "state", "error", "iss");

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

    /**
     * Parses the redirect. A {@code code}, {@code state}, {@code error} or {@code iss} sent twice
     * is refused (RFC 6749 §3.1: a parameter appears at most once). A provider {@code error} is
     * thrown at once - as a state mismatch when it carries a {@code state} that is not
     * {@code expectedState} (a forged error redirect), else as the provider's refusal.
     */
    static Callback parse(URI callback, String expectedState) {
        Map<String, String> q = new HashMap<>();
        String raw = callback.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (q.putIfAbsent(name, value) != null && SINGLE.contains(name)) {
                    throw new AuthorizationCallbackException(AuthorizationCallbackException.Reason.MALFORMED, null);
                }
            }
        }
        if (q.containsKey("error")) {
            if (q.containsKey("state")) {
                checkState(expectedState, q.get("state"));
            }
            throw new AuthorizationCallbackException(
                    AuthorizationCallbackException.Reason.PROVIDER_ERROR, q.get("error"));
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
        if (returned == null
                || !MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), returned.getBytes(StandardCharsets.UTF_8))) {
            throw new AuthorizationCallbackException(AuthorizationCallbackException.Reason.STATE_MISMATCH, null);
        }
    }
}
