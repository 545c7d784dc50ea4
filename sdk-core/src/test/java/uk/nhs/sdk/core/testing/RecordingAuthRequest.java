package uk.nhs.sdk.core.testing;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import uk.nhs.sdk.core.auth.AuthRequest;

/** An attempt as the pipeline hands it to an {@code AuthProvider}, recording the headers it sets. */
public class RecordingAuthRequest implements AuthRequest {
    /** The headers the provider set, by name. */
    public final Map<String, String> headers = new HashMap<>();

    private final URI url;

    /**
     * An attempt of {@code GET url}.
     *
     * @param url the attempt's URL
     */
    public RecordingAuthRequest(URI url) {
        this.url = url;
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public URI url() {
        return url;
    }

    @Override
    public String requestId() {
        return "6b1d2a4e-0000-4000-8000-000000000000";
    }

    @Override
    public int attempt() {
        return 1;
    }

    @Override
    public void header(String name, String value) {
        headers.put(name, value);
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }
}
