package uk.nhs.sdk.testkit;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import uk.nhs.sdk.testkit.internal.Fake;
import uk.nhs.sdk.testkit.internal.RequestTarget;

/**
 * The sandbox's one WireMock transformer: finds the fake a stub routes to, and injects any queued
 * {@link SandboxFault} before or after the fake handles the request.
 */
final class Dispatcher implements ResponseDefinitionTransformerV2 {
    static final String NAME = "nhs-sandbox";
    static final String FAKE_PARAMETER = "fake";

    private final Map<String, Fake> fakes;
    private final SandboxFaults faults;
    private final FaultResponses responses;

    Dispatcher(Map<String, Fake> fakes, SandboxFaults faults, Path dataDirectory) {
        this.fakes = fakes;
        this.faults = faults;
        this.responses = new FaultResponses(dataDirectory);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        Fake fake = fakes.get(serveEvent.getTransformerParameters().getString(FAKE_PARAMETER));
        String path = RequestTarget.rawPath(request.getUrl());
        Optional<SandboxFault> fault = faults.take(request.getMethod().getName(), path);
        if (fault.isPresent() && !fault.get().isAfterProcessing()) {
            return responses.replacing(fault.get());
        }
        ResponseDefinition response = fake.handle(request);
        return fault.isPresent() ? responses.after(fault.get(), response) : response;
    }
}
