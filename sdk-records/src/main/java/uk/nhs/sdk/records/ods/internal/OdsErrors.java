package uk.nhs.sdk.records.ods.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.nhs.sdk.core.fhir.OperationOutcome;
import uk.nhs.sdk.core.http.ErrorDecoder;

/**
 * Reads ODS's error bodies: HAPI FHIR OperationOutcomes whose issues carry no coded details, only
 * {@code diagnostics} starting with the HAPI code ({@code HAPI-2001: Resource Organization/X is
 * not known}). The code is that prefix; the rest of the text is never used.
 */
public final class OdsErrors {
    private static final Pattern HAPI = Pattern.compile("^(HAPI-[0-9]{4})\\b.*", Pattern.DOTALL);

    private OdsErrors() {}

    /**
     * The decoder.
     *
     * @return a decoder taking the coded error when there is one, else the HAPI code
     */
    public static ErrorDecoder decoder() {
        return (status, headers, body) -> OperationOutcome.parse(body)
                .map(oo -> {
                    String code = oo.errorCode().orElse(null);
                    if (code == null) {
                        for (OperationOutcome.Issue issue : oo.issues()) {
                            Matcher m = HAPI.matcher(issue.diagnostics().orElse(""));
                            if (m.matches()) {
                                code = m.group(1);
                                break;
                            }
                        }
                    }
                    return ErrorDecoder.ErrorInfo.of(code, oo);
                })
                .orElse(ErrorDecoder.ErrorInfo.none());
    }
}
