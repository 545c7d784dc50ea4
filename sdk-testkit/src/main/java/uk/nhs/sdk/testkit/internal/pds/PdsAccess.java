package uk.nhs.sdk.testkit.internal.pds;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.nhs.sdk.testkit.internal.AccessMode;

/**
 * PDS's access modes, as its API Platform proxy enforces them from the access token (identity.md
 * §B2; personal-demographics-service-api {@code targets/ig3.xml}, {@code RaiseFault.*AppRestricted.xml},
 * {@code RaiseFault.InvalidUserNHSlogin.xml}, {@code resources/jsc/RestrictRequest.js}):
 * <ul>
 *   <li>application-restricted: no update (403 {@code INVALID_METHOD}); a search returns at most
 *       one patient ({@code _max-results} defaults to 1, any other value is 403
 *       {@code INVALID_VALUE});</li>
 *   <li>healthcare worker: everything the API offers;</li>
 *   <li>patient: P9 only (P0 and P5 get 403 {@code ACCESS_DENIED} "Patient cannot perform this
 *       action"); only their own record and related people, no search (403 {@code INVALID_VALUE}
 *       "Cannot retrieve this result with NHS-login Restricted access token"); updates of their
 *       own record limited to the fields the spec lets a patient change (address, telecom,
 *       emergency contacts and the extensions for pharmacies, communication and place of birth),
 *       else 403 {@code FORBIDDEN_UPDATE}.</li>
 * </ul>
 * A request with no token is answered as the open PDS sandbox answers it, with full access.
 */
final class PdsAccess {
    private static final String APP_DIAGNOSTICS_METHOD =
            "Your app has insufficient permissions to use this method. Please contact support.";
    private static final String APP_DIAGNOSTICS_SEARCH =
            "Your app has insufficient permissions to perform this search. Please contact support.";
    private static final String PATIENT_DIAGNOSTICS = "Your access token has insufficient permissions. See "
            + "documentation regarding Patient access restrictions "
            + "https://digital.nhs.uk/developer/api-catalogue/personal-demographics-service-fhir";
    private static final Set<String> PATIENT_FIELDS = Set.of("address", "telecom", "contact", "extension");

    private PdsAccess() {}

    /**
     * Checks a request against the token's access mode.
     *
     * @param mode the token's mode, empty when no token was sent
     * @param method the HTTP method
     * @param nhsNumber the path's NHS number, empty for a search
     * @param query the search parameters, to which {@code _max-results=1} is added for
     *     application-restricted access
     * @throws PdsError when the mode does not allow the request
     */
    static void check(
            Optional<AccessMode> mode, String method, Optional<String> nhsNumber, Map<String, List<String>> query) {
        if (mode.isEmpty()) {
            return;
        }
        switch (mode.get().kind()) {
            case APPLICATION_RESTRICTED:
                if ("PATCH".equals(method)) {
                    throw new PdsError(
                            403,
                            "INVALID_METHOD",
                            "forbidden",
                            "Cannot update resource with application-restricted access token",
                            APP_DIAGNOSTICS_METHOD);
                }
                if (nhsNumber.isEmpty()) {
                    List<String> max =
                            query.computeIfAbsent("_max-results", k -> new java.util.ArrayList<>(List.of("1")));
                    if (!max.equals(List.of("1"))) {
                        throw new PdsError(
                                403,
                                "INVALID_VALUE",
                                "token",
                                "Cannot retrieve more than one result with Application Restricted access token",
                                APP_DIAGNOSTICS_SEARCH);
                    }
                }
                return;
            case PATIENT:
                if (!"P9".equals(mode.get().level())) {
                    throw new PdsError(
                            403,
                            "ACCESS_DENIED",
                            "forbidden",
                            "Patient cannot perform this action",
                            PATIENT_DIAGNOSTICS);
                }
                if (nhsNumber.isEmpty() || !nhsNumber.equals(mode.get().nhsNumber())) {
                    throw new PdsError(
                            403,
                            "INVALID_VALUE",
                            "token",
                            "Cannot retrieve this result with NHS-login Restricted access token",
                            APP_DIAGNOSTICS_SEARCH);
                }
                return;
            default:
                return;
        }
    }

    /**
     * Checks a patient's update touches only the fields a patient may change.
     *
     * @param mode the token's mode
     * @param paths the patch operations' paths
     * @throws PdsError when a patient's patch touches another field
     */
    static void checkPatientPatch(Optional<AccessMode> mode, List<String> paths) {
        if (mode.isEmpty() || mode.get().kind() != AccessMode.Kind.PATIENT) {
            return;
        }
        for (String path : paths) {
            String field = path.startsWith("/") ? path.substring(1).split("/")[0] : path;
            if (!PATIENT_FIELDS.contains(field)) {
                throw new PdsError(
                        403,
                        "FORBIDDEN_UPDATE",
                        "Forbidden update with error - source not permitted to update '" + field + "'");
            }
        }
    }
}
