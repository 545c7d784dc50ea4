package uk.nhs.sdk.identity.oidc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.nhs.sdk.core.NhsNumber;

/**
 * The claims of a validated ID token, typed: subject, NHS number and identity proofing level
 * (NHS login), vectors of trust, assurance level, roles and organisations (CIS2), and the raw
 * claims for anything else.
 *
 * <p>Immutable. {@link #toString()} names no claim value (claims are personal data).
 */
public final class IdTokenClaims {
    private final Map<String, Object> raw;

    IdTokenClaims(Map<String, Object> raw) {
        this.raw = Collections.unmodifiableMap(Claims.freeze(raw)); // frozen already: no new wrapper
    }

    /**
     * The user's stable identifier at the provider ({@code sub}).
     *
     * @return the subject
     */
    public String subject() {
        return Claims.string(raw.get("sub"));
    }

    /**
     * The issuer ({@code iss}), exactly as the discovery document states it.
     *
     * @return the issuer
     */
    public String issuer() {
        return Claims.string(raw.get("iss"));
    }

    /**
     * The audiences ({@code aud}).
     *
     * @return an unmodifiable list holding the client id
     */
    public List<String> audience() {
        return Claims.strings(raw.get("aud"));
    }

    /**
     * When the token expires ({@code exp}).
     *
     * @return the expiry
     */
    public Instant expiresAt() {
        return Claims.instant(raw.get("exp"));
    }

    /**
     * When the token was issued ({@code iat}).
     *
     * @return the issue time
     */
    public Instant issuedAt() {
        return Claims.instant(raw.get("iat"));
    }

    /**
     * When the user authenticated ({@code auth_time}).
     *
     * @return the time, when present
     */
    public Optional<Instant> authTime() {
        return Optional.ofNullable(Claims.instant(raw.get("auth_time")));
    }

    /**
     * NHS login: the user's NHS number ({@code nhs_number}, scope {@code profile}; P5 and P9 only).
     *
     * @return the NHS number, when present and valid
     */
    public Optional<NhsNumber> nhsNumber() {
        String v = Claims.string(raw.get("nhs_number"));
        return v != null && NhsNumber.isValid(v) ? Optional.of(NhsNumber.parse(v)) : Optional.empty();
    }

    /**
     * NHS login: the identity proofing level ({@code identity_proofing_level}, else the level of
     * {@code vot}).
     *
     * @return the level, when known
     */
    public Optional<IdentityProofingLevel> identityProofingLevel() {
        Optional<IdentityProofingLevel> l =
                IdentityProofingLevel.fromClaim(Claims.string(raw.get("identity_proofing_level")));
        return l.isPresent() ? l : vectorOfTrust().map(VectorOfTrust::level);
    }

    /**
     * NHS login: the vector of trust the sign-in met ({@code vot}).
     *
     * @return the vector, when present and one of NHS login's
     */
    public Optional<VectorOfTrust> vectorOfTrust() {
        return VectorOfTrust.fromValue(Claims.string(raw.get("vot")));
    }

    /**
     * NHS login: the trustmark URL ({@code vtm}).
     *
     * @return the URL text, when present
     */
    public Optional<String> vectorTrustMark() {
        return Optional.ofNullable(Claims.string(raw.get("vtm")));
    }

    /**
     * The authentication context class ({@code acr}), such as CIS2's {@code AAL3_ANY}.
     *
     * @return the value, when present
     */
    public Optional<String> acr() {
        return Optional.ofNullable(Claims.string(raw.get("acr")));
    }

    /**
     * CIS2: the assurance level {@link #acr()} guarantees.
     *
     * @return the level, when {@code acr} names one
     */
    public Optional<AssuranceLevel> assuranceLevel() {
        return AssuranceLevel.fromAcr(Claims.string(raw.get("acr")));
    }

    /**
     * The authentication methods ({@code amr}), such as CIS2's {@code N3_SMARTCARD}.
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<String> authenticationMethods() {
        return Claims.strings(raw.get("amr"));
    }

    /**
     * CIS2: the user's roles ({@code nhsid_nrbac_roles}).
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<Cis2Role> roles() {
        List<Cis2Role> out = new ArrayList<>();
        Object v = raw.get("nhsid_nrbac_roles");
        if (v instanceof List) {
            for (Object o : (List<?>) v) {
                Cis2Role.fromClaim(o).ifPresent(out::add);
            }
        }
        return List.copyOf(out);
    }

    /**
     * CIS2: the user's organisations ({@code nhsid_user_orgs}).
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<Cis2Organisation> organisations() {
        List<Cis2Organisation> out = new ArrayList<>();
        Object v = raw.get("nhsid_user_orgs");
        if (v instanceof List) {
            for (Object o : (List<?>) v) {
                Cis2Organisation.fromClaim(o).ifPresent(out::add);
            }
        }
        return List.copyOf(out);
    }

    /**
     * CIS2: the role the user selected at sign-in ({@code selected_roleid}, scope
     * {@code selectedrole}).
     *
     * @return the role id, when present
     */
    public Optional<String> selectedRoleId() {
        return Optional.ofNullable(Claims.string(raw.get("selected_roleid")));
    }

    /**
     * A claim as text.
     *
     * @param name the claim name
     * @return the value, when the claim is a JSON string
     */
    public Optional<String> stringClaim(String name) {
        return Optional.ofNullable(Claims.string(raw.get(name)));
    }

    /**
     * Every claim, as JDK types ({@code String}, {@code Number}, {@code Boolean}, {@code List},
     * {@code Map}).
     *
     * @return an unmodifiable map
     */
    public Map<String, Object> raw() {
        return raw;
    }

    @Override
    public String toString() {
        return "IdTokenClaims[" + raw.size() + " claims]";
    }
}
