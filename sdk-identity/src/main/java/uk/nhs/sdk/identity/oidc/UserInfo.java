package uk.nhs.sdk.identity.oidc;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import uk.nhs.sdk.core.NhsNumber;

/**
 * The provider's UserInfo response, whose {@code sub} was checked against the ID token's.
 * Immutable; {@link #toString()} shows no claim value.
 */
public final class UserInfo {
    private final Map<String, Object> raw;

    UserInfo(Map<String, Object> raw) {
        this.raw = Collections.unmodifiableMap(Claims.freeze(raw)); // frozen already: no new wrapper
    }

    /**
     * The subject, equal to the ID token's.
     *
     * @return the subject
     */
    public String subject() {
        return Claims.string(raw.get("sub"));
    }

    /**
     * NHS login: the NHS number ({@code nhs_number}).
     *
     * @return the NHS number, when present and valid
     */
    public Optional<NhsNumber> nhsNumber() {
        String v = Claims.string(raw.get("nhs_number"));
        return v != null && NhsNumber.isValid(v) ? Optional.of(NhsNumber.parse(v)) : Optional.empty();
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
     * Every claim, as JDK types.
     *
     * @return an unmodifiable map
     */
    public Map<String, Object> raw() {
        return raw;
    }

    @Override
    public String toString() {
        return "UserInfo[" + raw.size() + " claims]";
    }
}
