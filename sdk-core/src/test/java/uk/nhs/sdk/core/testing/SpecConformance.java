package uk.nhs.sdk.core.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Checks that requests a client sent conform to a service's official OpenAPI specification: the
 * path and method exist, required headers and parameters are present, parameter values match
 * their patterns and request bodies their schemas. Built on Atlassian's
 * {@code swagger-request-validator} (test scope only).
 *
 * <p>Security requirements are not checked (the SDK's auth is tested on its own), nor are
 * responses. Use it on the requests WireMock recorded:
 *
 * <pre>{@code
 * SpecConformance nrl = SpecConformance.fromClasspath("/specs/nrl-consumer-api.yaml", "/record-locator/consumer/FHIR/R4");
 * nrl.assertConforms(wireMock.findAll(anyRequestedFor(anyUrl())));
 * }</pre>
 */
public final class SpecConformance {
    private final OpenApiInteractionValidator validator;
    private final String basePath;

    private SpecConformance(OpenApiInteractionValidator validator, String basePath) {
        this.validator = validator;
        this.basePath = basePath;
    }

    /**
     * Loads a specification from the test class path.
     *
     * @param resource the YAML or JSON resource, for example {@code /specs/nrl-consumer-api.yaml}
     * @param basePath the path prefix the requests carry before the spec's paths (the part of the
     *     base URL after the host), or {@code ""}
     * @return the checker
     */
    public static SpecConformance fromClasspath(String resource, String basePath) {
        String spec;
        try (InputStream in = SpecConformance.class.getResourceAsStream(resource)) {
            Objects.requireNonNull(in, resource);
            spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                .withBasePathOverride(basePath.isEmpty() ? "/" : basePath)
                .build();
        return new SpecConformance(validator, basePath);
    }

    /**
     * The problems the specification finds in one recorded request (security requirements aside).
     *
     * @param request the request WireMock recorded
     * @return the problems' messages, empty when it conforms
     */
    public List<String> problems(LoggedRequest request) {
        URI url = URI.create(request.getAbsoluteUrl());
        SimpleRequest.Builder builder =
                new SimpleRequest.Builder(request.getMethod().getName(), url.getRawPath());
        if (url.getRawQuery() != null) {
            for (String pair : url.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                builder.withQueryParam(decode(name), decode(value));
            }
        }
        for (String name : request.getAllHeaderKeys()) {
            builder.withHeader(name, request.getHeaders().getHeader(name).values());
        }
        byte[] body = request.getBody();
        if (body != null && body.length > 0) {
            builder.withBody(body);
        }
        Request model = builder.build();
        ValidationReport report = validator.validateRequest(model);
        return report.getMessages().stream()
                .filter(m -> !m.getKey().startsWith("validation.request.security"))
                .map(m -> request.getMethod() + " " + url.getRawPath() + ": " + m.getKey() + ": " + m.getMessage())
                .collect(Collectors.toList());
    }

    /**
     * Fails when any of the recorded requests does not conform; also fails when there are none, so
     * a test cannot pass by sending nothing.
     *
     * @param requests the requests WireMock recorded
     */
    public void assertConforms(List<LoggedRequest> requests) {
        if (requests.isEmpty()) {
            throw new AssertionError("no request was recorded under " + basePath);
        }
        List<String> problems =
                requests.stream().flatMap(r -> problems(r).stream()).collect(Collectors.toList());
        if (!problems.isEmpty()) {
            throw new AssertionError("requests do not conform to the specification:\n" + String.join("\n", problems));
        }
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
