package uk.nhs.sdk.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import uk.nhs.sdk.core.testing.CapturingAppender;
import uk.nhs.sdk.core.testing.LogGuard;

/** The guard that checks every test's logs can actually see a leak. */
class LogGuardTest {

    @Test
    void detectsNhsNumbersTokensKeysAndForbiddenValues() {
        var log = LoggerFactory.getLogger("uk.nhs.sdk.test");
        log.trace("looked up 943 476 5919");
        log.trace("Authorization: Bearer abcdef123456");
        log.trace("-----BEGIN PRIVATE KEY-----");
        LogGuard.forbid("s3cret-pass");
        log.trace("password s3cret-pass");
        log.trace("harmless 1234567890 (not a valid NHS number)");

        assertThat(LogGuard.violations()).hasSize(4);
        CapturingAppender.clear();
    }

    @Test
    void digitsInsideARequestIdAreNotAnNhsNumber() {
        var log = LoggerFactory.getLogger("uk.nhs.sdk.test");
        log.trace("POST /send -> 503 (X-Request-ID=7cb1ffd0-7bda-49bc-bb23-dd3835442473)");
        assertThat(LogGuard.violations()).isEmpty();
        log.trace("patient 383 544 2473 next to a request id 7cb1ffd0-7bda-49bc-bb23-dd3835442473");
        assertThat(LogGuard.violations()).hasSize(1);
        CapturingAppender.clear();
    }

    @Test
    void theSdkLogsAtTraceAreCaptured() {
        LoggerFactory.getLogger("uk.nhs.sdk.http").trace("a trace line");
        assertThat(CapturingAppender.lines()).anyMatch(l -> l.contains("a trace line"));
    }
}
