package uk.nhs.sdk.micrometer;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hostile server: every answer (of a stub naming this transformer) has a status and an error code
 * never sent before (statuses cycle through 300-599; codes are unique, some echoing an NHS number
 * or a bearer token; one in seven is a real PDS code).
 */
final class HostileAnswers implements ResponseDefinitionTransformerV2 {
    static final String NAME = "hostile";
    /** An NHS number a hostile code echoes. */
    static final String ECHOED_NHS_NUMBER = "9000000009";
    /** A token-like value a hostile code echoes. */
    static final String ECHOED_SECRET = "eyJhbGciOiJSUzUxMiJ9.leaked";

    private static final AtomicInteger COUNT = new AtomicInteger();

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        int n = COUNT.getAndIncrement();
        int status = 300 + n % 300;
        String code;
        if (n % 7 == 0) {
            code = "RESOURCE_NOT_FOUND";
        } else if (n % 7 == 1) {
            code = "PATIENT_" + ECHOED_NHS_NUMBER + "_" + n;
        } else if (n % 7 == 2) {
            code = ECHOED_SECRET + n;
        } else {
            code = "CODE_" + n;
        }
        String body = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"value\","
                + "\"details\":{\"coding\":[{\"system\":\"https://fhir.nhs.uk/R4/CodeSystem/Spine-ErrorOrWarningCode\","
                + "\"code\":\"" + code + "\"}]}}]}";
        return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition())
                .withStatus(status)
                .withBody(body)
                .build();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
