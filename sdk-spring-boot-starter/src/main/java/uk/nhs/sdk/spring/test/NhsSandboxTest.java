package uk.nhs.sdk.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a Spring test's application context against the embedded NHS sandbox
 * ({@code uk.nhs.sdk.testkit.NhsSandbox}): the sandbox starts once per test context, before the
 * context, and stops when the context closes. Every service's base URL and the credentials are
 * pointed at it, overriding {@code application.yaml}: the API Platform token URL, an application
 * the sandbox registered (API key, key id and private key), the MESH mailbox (the configured
 * {@code nhs.mesh.mailbox} when the sandbox knows it, else its first), its password and the shared
 * key. Which services are enabled stays the application's choice. The sandbox is a bean, for tests
 * that drive it ({@code SandboxNotify.of(sandbox)}, faults, {@code reset()}).
 *
 * <pre>{@code
 * @SpringBootTest(properties = {"nhs.pds.enabled=true", "nhs.mesh.enabled=true"})
 * @NhsSandboxTest
 * class PatientLookupTest {
 *     @Autowired PdsClient pds;
 *
 *     @Test
 *     void findsThePatient() {
 *         assertThat(pds.getPatient(NhsNumber.parse("9000000009")).nhsNumber().value()).isEqualTo("9000000009");
 *     }
 * }
 * }</pre>
 *
 * <p>Needs sdk-testkit and spring-test (spring-boot-starter-test) on the test classpath.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface NhsSandboxTest {}
