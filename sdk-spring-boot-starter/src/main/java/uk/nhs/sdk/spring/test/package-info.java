/**
 * Spring test support: {@link uk.nhs.sdk.spring.test.NhsSandboxTest} runs a test's application
 * context against the embedded NHS sandbox (needs sdk-testkit and spring-test on the test
 * classpath).
 */
package uk.nhs.sdk.spring.test;
