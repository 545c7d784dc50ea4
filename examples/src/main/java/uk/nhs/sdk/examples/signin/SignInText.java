package uk.nhs.sdk.examples.signin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.identity.oidc.Cis2Organisation;
import uk.nhs.sdk.identity.oidc.Cis2Role;
import uk.nhs.sdk.identity.oidc.IdTokenClaims;

/**
 * The validated claims of a sign-in as the tool prints them: who, how strongly, and the NHS
 * number or roles; never a token, code or nonce.
 */
final class SignInText {
    private SignInText() {}

    /**
     * The claims as aligned text lines.
     *
     * @param c the validated claims
     * @return the lines
     */
    static List<String> lines(IdTokenClaims c) {
        List<String> out = new ArrayList<>();
        fields(c).forEach((k, v) -> out.add(String.format("%-15s%s", k, v)));
        return out;
    }

    /**
     * The claims as a JSON-ready map.
     *
     * @param c the validated claims
     * @return the fields
     */
    static Map<String, Object> fields(IdTokenClaims c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", c.subject());
        m.put("issuer", c.issuer());
        m.put("expires", c.expiresAt().toString());
        c.nhsNumber().map(NhsNumber::formatted).ifPresent(n -> m.put("NHS number", n));
        c.identityProofingLevel().ifPresent(l -> m.put("proofing level", l.name()));
        c.vectorOfTrust().ifPresent(v -> m.put("vot", v.value()));
        c.acr().ifPresent(a -> m.put("acr", a));
        c.assuranceLevel().ifPresent(a -> m.put("assurance", a.name()));
        if (!c.authenticationMethods().isEmpty()) {
            m.put("amr", String.join(" ", c.authenticationMethods()));
        }
        c.stringClaim("name").ifPresent(n -> m.put("name", n));
        if (!c.roles().isEmpty()) {
            m.put("roles", c.roles().stream().map(SignInText::role).collect(Collectors.joining("; ")));
        }
        if (!c.organisations().isEmpty()) {
            m.put(
                    "organisations",
                    c.organisations().stream().map(Cis2Organisation::code).collect(Collectors.joining(" ")));
        }
        return m;
    }

    private static String role(Cis2Role r) {
        return r.roleId() + " at " + r.organisationCode().orElse("?")
                + r.roleCode().map(code -> " (" + code + ")").orElse("");
    }
}
