package uk.nhs.sdk.identity.oidc;

import java.util.Map;
import java.util.Optional;

/**
 * An organisation the CIS2 user belongs to, from the {@code nhsid_user_orgs} claim. Immutable;
 * {@link #toString()} shows no values.
 */
public final class Cis2Organisation {
    private final String code;
    private final String name;

    private Cis2Organisation(String code, String name) {
        this.code = code;
        this.name = name;
    }

    static Optional<Cis2Organisation> fromClaim(Object o) {
        if (!(o instanceof Map)) {
            return Optional.empty();
        }
        Map<?, ?> m = (Map<?, ?>) o;
        String code = Claims.string(m.get("org_code"));
        return code == null
                ? Optional.empty()
                : Optional.of(new Cis2Organisation(code, Claims.string(m.get("org_name"))));
    }

    /**
     * The organisation's ODS code ({@code org_code}).
     *
     * @return the code
     */
    public String code() {
        return code;
    }

    /**
     * The organisation's name ({@code org_name}).
     *
     * @return the name, when present
     */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    @Override
    public String toString() {
        return "Cis2Organisation[***]";
    }
}
