package uk.nhs.sdk.micrometer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.PipelineCall;

/** A call as a policy sees it, for driving the policies without a server. */
final class FakeCall implements PipelineCall {
    private final String service;
    private final NhsRequest request;
    private final Map<String, Object> attributes = new HashMap<>();
    int attempt = 1;

    FakeCall(String service, NhsRequest request) {
        this.service = service;
        this.request = request;
    }

    @Override
    public String service() {
        return service;
    }

    @Override
    public NhsRequest request() {
        return request;
    }

    @Override
    public String serverScheme() {
        return "http";
    }

    @Override
    public String serverAddress() {
        return "127.0.0.1";
    }

    @Override
    public int serverPort() {
        return 80;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public Instant deadline() {
        return Instant.MAX;
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.empty();
    }

    @Override
    public List<Map.Entry<String, String>> headers() {
        return new ArrayList<>();
    }

    @Override
    public void setHeader(String name, String value) {}

    @Override
    public Optional<Object> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }

    @Override
    public void setAttribute(String key, Object value) {
        attributes.put(key, value);
    }
}
