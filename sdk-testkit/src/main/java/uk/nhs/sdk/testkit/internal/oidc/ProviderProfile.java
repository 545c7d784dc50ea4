package uk.nhs.sdk.testkit.internal.oidc;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What differs between the CIS2 and the NHS login fakes: paths, the issuer string, the test users,
 * the client-assertion algorithms accepted and token lifetimes.
 *
 * <p>CIS2's real issuer names the default port ({@code https://am.nhsint...:443/openam/...}), so it
 * differs, character for character, from the URL the discovery document is fetched from. A
 * loopback server cannot reproduce {@code :443}, so the CIS2 fake's issuer differs from its URL
 * the same way in another spelling of the same server: {@code http://localhost:PORT/openam/...}
 * while discovery is served from {@code http://127.0.0.1:PORT/openam/...}. A client that compares
 * {@code iss} with the discovery URL instead of the discovery document's {@code issuer} fails
 * against the fake as it would against CIS2. NHS login's issuer is its URL.
 */
public final class ProviderProfile {
    /** The CIS2 Healthcare realm's path, as on the real service. */
    public static final String CIS2_BASE_PATH = "/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare";
    /** The NHS login fake's path on the sandbox. */
    public static final String NHS_LOGIN_BASE_PATH = "/nhs-login";
    /** The vectors of trust NHS login uses when {@code vtr} is not sent. */
    static final List<String> DEFAULT_VTR = List.of("P9.Cp.Cd", "P9.Cp.Ck", "P9.Cm");

    final String name;
    final String basePath;
    final String tokenPath;
    final String jwksPath;
    final boolean cis2;
    final List<TestUser> users;
    final Set<String> assertionAlgorithms;
    final Duration accessTokenLifetime;
    final Duration idTokenLifetime;

    private ProviderProfile(
            String name,
            String basePath,
            String tokenPath,
            String jwksPath,
            boolean cis2,
            List<TestUser> users,
            Set<String> assertionAlgorithms,
            Duration accessTokenLifetime,
            Duration idTokenLifetime) {
        this.name = name;
        this.basePath = basePath;
        this.tokenPath = tokenPath;
        this.jwksPath = jwksPath;
        this.cis2 = cis2;
        this.users = List.copyOf(users);
        this.assertionAlgorithms = Set.copyOf(assertionAlgorithms);
        this.accessTokenLifetime = accessTokenLifetime;
        this.idTokenLifetime = idTokenLifetime;
    }

    /** CIS2: the Healthcare realm's paths ({@code /access_token}, {@code /connect/jwk_uri}), RS256 to RS512 assertions. */
    static ProviderProfile cis2() {
        return new ProviderProfile(
                "cis2",
                CIS2_BASE_PATH,
                "/access_token",
                "/connect/jwk_uri",
                true,
                List.of(
                        clinician(
                                "555254240100",
                                "AAL3_ANY",
                                "N3_SMARTCARD",
                                "Ada",
                                "Lovelace",
                                "RBA",
                                "TAUNTON AND SOMERSET NHS FOUNDATION TRUST",
                                "555254242102"),
                        clinician(
                                "555254240101",
                                "AAL2_ANY",
                                "FIDO2",
                                "Grace",
                                "Hopper",
                                "Y12345",
                                "EXAMPLE GP PRACTICE",
                                "555254242103")),
                Set.of("RS256", "RS384", "RS512"),
                Duration.ofSeconds(3599),
                Duration.ofSeconds(3599));
    }

    /** NHS login: {@code /token}, {@code /.well-known/jwks.json}, RS512 assertions, P9, P5 and P0 users. */
    static ProviderProfile nhsLogin() {
        return new ProviderProfile(
                "nhs-login",
                NHS_LOGIN_BASE_PATH,
                "/token",
                "/.well-known/jwks.json",
                false,
                List.of(
                        patient(
                                "p9",
                                "0a3b3b02-9f3c-4d2b-8f5e-000000000009",
                                "P9",
                                "9000000009",
                                "Smith",
                                "2010-10-22"),
                        patient(
                                "p5",
                                "0a3b3b02-9f3c-4d2b-8f5e-000000000017",
                                "P5",
                                "9000000017",
                                "Smyth",
                                "2010-10-22"),
                        patient("p0", "0a3b3b02-9f3c-4d2b-8f5e-000000000000", "P0", null, null, null)),
                Set.of("RS512"),
                Duration.ofMinutes(5),
                Duration.ofMinutes(60));
    }

    private static TestUser clinician(
            String uid,
            String acr,
            String amr,
            String given,
            String family,
            String org,
            String orgName,
            String roleId) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("amr", List.of(amr));
        c.put("name", given + " " + family);
        c.put("given_name", given);
        c.put("family_name", family);
        c.put("uid", uid);
        c.put("nhsid_useruid", uid);
        c.put("id_assurance_level", "3");
        c.put("authentication_assurance_level", acr.substring(3, 4));
        c.put("realm", "/NHSIdentity/Healthcare");
        c.put("tokenName", "id_token");
        c.put("nhsid_user_orgs", List.of(Map.of("org_code", org, "org_name", orgName)));
        c.put(
                "nhsid_nrbac_roles",
                List.of(Map.of(
                        "person_orgid",
                        roleId.substring(0, 11) + "1",
                        "person_roleid",
                        roleId,
                        "org_code",
                        org,
                        "role_name",
                        "\"Clinical\":\"Clinical Provision\":\"Nurse Access Role\"",
                        "role_code",
                        "S8000:G8000:R8001")));
        c.put("selected_roleid", roleId);
        return new TestUser(uid, uid, acr, null, c);
    }

    private static TestUser patient(
            String id, String sub, String level, String nhsNumber, String family, String birthdate) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("identity_proofing_level", level);
        c.put("email", id + ".patient@example.org");
        c.put("email_verified", true);
        if (nhsNumber != null) {
            c.put("nhs_number", nhsNumber);
            c.put("family_name", family);
            c.put("birthdate", birthdate);
        }
        return new TestUser(id, sub, level, nhsNumber, c);
    }

    /**
     * The provider's issuer for a sandbox base URL.
     *
     * @param sandboxBase the sandbox's root URL, such as {@code http://127.0.0.1:54321}
     * @return the issuer the discovery document names and tokens carry
     */
    String issuer(URI sandboxBase) {
        if (cis2) {
            return "http://localhost:" + sandboxBase.getPort() + basePath;
        }
        return sandboxBase + basePath;
    }

    /** The user signed in when a test chose none. */
    TestUser defaultUser() {
        return users.get(0);
    }
}
