package uk.nhs.sdk.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The callback's {@code error} comes from the browser: the message names only the registered codes. */
class AuthorizationCallbackExceptionTest {

    @Test
    void aRegisteredErrorCodeIsNamed() {
        AuthorizationCallbackException e = new AuthorizationCallbackException(
                AuthorizationCallbackException.Reason.PROVIDER_ERROR, "login_required");
        assertThat(e.getMessage()).isEqualTo("the provider refused the sign-in with error login_required");
        assertThat(e.providerError()).contains("login_required");
    }

    @Test
    void anyOtherWellFormedCodeIsKeptButNotEchoed() {
        // a redirect can carry any error text: 'code-1' (found by the hostile-input suite) was echoed
        for (String code : new String[] {"code-1", "9434765919", "x".repeat(64)}) {
            AuthorizationCallbackException e =
                    new AuthorizationCallbackException(AuthorizationCallbackException.Reason.PROVIDER_ERROR, code);
            assertThat(e.getMessage())
                    .isEqualTo("the provider refused the sign-in")
                    .doesNotContain(code);
            assertThat(e.providerError()).contains(code);
        }
    }
}
