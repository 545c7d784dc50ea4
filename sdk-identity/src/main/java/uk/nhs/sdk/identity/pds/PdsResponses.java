package uk.nhs.sdk.identity.pds;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.identity.pds.internal.FhirJson;
import uk.nhs.sdk.identity.pds.internal.FhirJson.InvalidFhir;

/**
 * Reads PDS's 2xx responses: checks the content type, parses the JSON and reads the version from
 * the {@code ETag}. Package private.
 */
final class PdsResponses {
    /** {@code W/"3"} as PDS sends it; also strong or bare, and with the {@code --gzip} suffix Jetty-based servers
     * (such as WireMock, under the embedded sandbox) append when they compress the body. */
    private static final Pattern ETAG = Pattern.compile("(?:W/)?\"?([0-9]{1,18})(?:--gzip)?\"?");

    private PdsResponses() {}

    /**
     * The JSON body. Accepts {@code application/fhir+json} and {@code application/json}; the
     * local PDS sandbox sends both in two {@code Content-Type} headers, so any JSON one will do.
     */
    static JsonNode json(NhsResponse response) {
        return tree(response, jsonBody(response));
    }

    /** The body read already, as a tree. */
    static JsonNode tree(NhsResponse response, byte[] body) {
        try {
            return FhirJson.parse(body);
        } catch (InvalidFhir e) {
            throw decode(response, e);
        }
    }

    /** The body, once the content type is checked as {@link #json} checks it. */
    static byte[] jsonBody(NhsResponse response) {
        List<String> types = response.headers().all("Content-Type");
        if (!types.isEmpty()) {
            boolean json = false;
            for (String t : types) {
                if (isJson(t)) {
                    json = true;
                    break;
                }
            }
            if (!json) {
                throw new NhsDecodeException(
                        "PDS answered " + response.status() + " with a content type that is not JSON",
                        response.details(),
                        null);
            }
        }
        return response.body();
    }

    private static boolean isJson(String contentType) {
        String t = contentType.toLowerCase(Locale.ROOT);
        int semi = t.indexOf(';');
        String media = (semi < 0 ? t : t.substring(0, semi)).strip();
        return media.equals("application/json")
                || media.equals("application/fhir+json")
                || (media.startsWith("application/") && media.endsWith("+json"));
    }

    /** The version from the ETag ({@code W/"3"}), else the resource's {@code meta.versionId}. */
    static long version(NhsResponse response, Patient patient) {
        Optional<String> etag = response.header("ETag");
        if (etag.isPresent()) {
            Matcher m = ETAG.matcher(etag.get().strip());
            if (!m.matches()) {
                throw new NhsDecodeException("PDS sent an ETag that is not a version number", response.details(), null);
            }
            return Long.parseLong(m.group(1));
        }
        return patient.version()
                .orElseThrow(() -> new NhsDecodeException(
                        "PDS sent neither an ETag nor meta.versionId", response.details(), null));
    }

    static NhsDecodeException decode(NhsResponse response, InvalidFhir e) {
        return new NhsDecodeException("PDS response is not as documented: " + e.getMessage(), response.details(), e);
    }
}
