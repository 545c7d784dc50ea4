package uk.nhs.sdk.testkit.internal.mesh;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * The opaque {@code continue_from} of inbox paging: where the previous page ended, by inbox order,
 * so the next page is right even when the previous page's messages were acknowledged meanwhile.
 * 24 to 1000 characters, as the specification requires.
 */
final class InboxCursor {
    private static final String PREFIX = "nhs-sdk-mesh-inbox-after:";

    private InboxCursor() {}

    static String encode(long inboxSequence) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + inboxSequence).getBytes(StandardCharsets.US_ASCII));
    }

    static OptionalLong decode(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            if (s.startsWith(PREFIX)) {
                return OptionalLong.of(Long.parseLong(s.substring(PREFIX.length())));
            }
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
