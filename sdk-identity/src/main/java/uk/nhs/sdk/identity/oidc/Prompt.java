package uk.nhs.sdk.identity.oidc;

/**
 * The OpenID Connect {@code prompt} parameter. NHS login accepts only {@link #NONE} and
 * {@link #LOGIN} (identity.md §C6).
 */
public enum Prompt {
    /** No interaction: fail when the user is not already signed in. */
    NONE("none"),
    /** Force the user to sign in again. */
    LOGIN("login"),
    /** Ask the user to consent again. */
    CONSENT("consent"),
    /** Let the user choose an account. */
    SELECT_ACCOUNT("select_account");

    private final String value;

    Prompt(String value) {
        this.value = value;
    }

    /**
     * The wire value.
     *
     * @return such as {@code login}
     */
    public String value() {
        return value;
    }
}
