package uk.nhs.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The extension shares one sandbox across a class and resets it before each test.
 */
@ExtendWith(NhsSandboxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NhsSandboxExtensionTest {
    private static NhsSandbox first;

    @Test
    @Order(1)
    void injectsARunningSandbox(NhsSandbox sandbox) {
        first = sandbox;
        assertThat(sandbox.baseUrl().getHost()).isEqualTo("127.0.0.1");
        assertThat(sandbox.signedJwtAuth().accessToken().reveal()).isNotEmpty();
        assertThat(sandbox.issuedTokenCount()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void theSameSandboxIsResetBeforeTheNextTest(NhsSandbox sandbox) {
        assertThat(sandbox).isSameAs(first);
        assertThat(sandbox.issuedTokenCount()).isZero();
    }
}
