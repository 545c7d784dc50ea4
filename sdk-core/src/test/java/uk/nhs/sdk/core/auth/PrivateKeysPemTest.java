package uk.nhs.sdk.core.auth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.error.NhsConfigurationException;

/** PEM text that is not a readable key fails with the documented exception, whatever is wrong with it. */
class PrivateKeysPemTest {

    @Test
    void aBlockWhoseBase64IsBrokenIsAConfigurationError() {
        // a real key's first line with its first character (and its last two) deleted: 61 characters, so the last
        // 4-character unit holds one, which Base64's decoder rejects with IllegalArgumentException
        String pem = "-----BEGIN PRIVATE KEY-----\nIICdwIBADANBgkqhkiG9w0BAQEFAASCAmEwggJdAgEAAoGBALx3TYy4b/vOHE\n"
                + "-----END PRIVATE KEY-----\n";
        assertThatThrownBy(() -> PrivateKeys.fromPem(pem))
                .isInstanceOf(NhsConfigurationException.class)
                .hasMessageNotContaining("IICdwIBADANBgkq");
    }

    @Test
    void aBase64PaddingInTheMiddleIsAConfigurationError() {
        String pem = "-----BEGIN RSA PRIVATE KEY-----\nAB==CD\n-----END RSA PRIVATE KEY-----";
        assertThatThrownBy(() -> PrivateKeys.fromPem(pem)).isInstanceOf(NhsConfigurationException.class);
    }
}
