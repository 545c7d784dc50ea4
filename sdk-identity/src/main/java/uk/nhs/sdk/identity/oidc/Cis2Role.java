package uk.nhs.sdk.identity.oidc;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One CIS2 role of the signed-in user, from the {@code nhsid_nrbac_roles} claim (scope
 * {@code nationalrbacaccess}). Immutable; {@link #toString()} shows no values.
 */
public final class Cis2Role {
    private final String roleId;
    private final String organisationCode;
    private final String roleCode;
    private final String roleName;
    private final List<String> activityCodes;

    private Cis2Role(
            String roleId, String organisationCode, String roleCode, String roleName, List<String> activityCodes) {
        this.roleId = roleId;
        this.organisationCode = organisationCode;
        this.roleCode = roleCode;
        this.roleName = roleName;
        this.activityCodes = List.copyOf(activityCodes);
    }

    static Optional<Cis2Role> fromClaim(Object o) {
        if (!(o instanceof Map)) {
            return Optional.empty();
        }
        Map<?, ?> m = (Map<?, ?>) o;
        String roleId = Claims.string(m.get("person_roleid"));
        if (roleId == null) {
            return Optional.empty();
        }
        return Optional.of(new Cis2Role(
                roleId,
                Claims.string(m.get("org_code")),
                Claims.string(m.get("role_code")),
                Claims.string(m.get("role_name")),
                Claims.strings(m.get("activity_codes"))));
    }

    /**
     * The user's role profile id ({@code person_roleid}): the value of PDS's
     * {@code NHSD-Session-URID} header.
     *
     * @return the role id
     */
    public String roleId() {
        return roleId;
    }

    /**
     * The ODS code of the organisation the role is held at ({@code org_code}).
     *
     * @return the code, when present
     */
    public Optional<String> organisationCode() {
        return Optional.ofNullable(organisationCode);
    }

    /**
     * The national RBAC role code ({@code role_code}).
     *
     * @return the code, when present
     */
    public Optional<String> roleCode() {
        return Optional.ofNullable(roleCode);
    }

    /**
     * The role's display name ({@code role_name}).
     *
     * @return the name, when present
     */
    public Optional<String> roleName() {
        return Optional.ofNullable(roleName);
    }

    /**
     * The activity codes the role grants ({@code activity_codes}).
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<String> activityCodes() {
        return activityCodes;
    }

    @Override
    public String toString() {
        return "Cis2Role[activities=" + activityCodes.size() + "]";
    }
}
