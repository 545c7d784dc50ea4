package uk.nhs.sdk.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import uk.nhs.sdk.core.CallOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsEnvironment;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.NhsSdk;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.auth.PrivateKeys;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsErrorCodes;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.fhir.OperationOutcome;
import uk.nhs.sdk.identity.pds.PdsClient;

/** Hostile input to sdk-core's value parsers: NHS numbers, ODS codes, environments, PEM keys, OperationOutcomes. */
class CoreValuesHostileTest {
    static final List<String> NHS_NUMBERS = nhsNumbers();
    static final List<String> ODS_CODES =
            List.of("X26", "RR8", "Y05868", "A81001", "RBA11", "8HK48", "x26", " RR8 ", "ABCDEFGHIJKL");
    private static final List<String> PEMS = pems();

    static List<String> nhsNumbers() {
        Random r = new Random(13);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            NhsNumber n = NhsNumber.randomTestNumber(r);
            out.add(n.value());
            out.add(n.formatted());
            out.add(n.formatted().replace(' ', '-'));
        }
        return List.copyOf(out);
    }

    private static List<String> pems() {
        try (java.io.InputStream in = CoreValuesHostileTest.class.getResourceAsStream("/hostile/test-key.pem")) {
            return List.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterContainer
    static void done() {
        Outcomes.finished(CoreValuesHostileTest.class);
    }

    @Provide
    Arbitrary<String> nhsNumber() {
        return HostileStrings.around(NHS_NUMBERS);
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1301")
    void nhsNumberParse(@ForAll("nhsNumber") String input) {
        boolean valid = NHS_NUMBERS.contains(input);
        NhsNumber parsed = Outcomes.attempt(
                "sdk-core `NhsNumber.parse`",
                Outcomes.Input.of(input).mustBeAccepted(valid),
                () -> NhsNumber.parse(input),
                NhsValidationException.class);
        boolean isValid = Outcomes.attempt(
                "sdk-core `NhsNumber.isValid`, `invalidReason`",
                Outcomes.Input.of(input),
                () -> NhsNumber.isValid(input) && NhsNumber.invalidReason(input).isEmpty());
        assertThat(isValid).as("isValid agrees with parse").isEqualTo(parsed != null);
        if (parsed != null) {
            PrivacyText.check(parsed.toString());
        }
    }

    @Provide
    Arbitrary<String> nineDigits() {
        return HostileStrings.around(NHS_NUMBERS.stream()
                .filter(s -> s.length() == 10)
                .map(s -> s.substring(0, 9))
                .toList());
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1302")
    void nhsNumberCheckDigit(@ForAll("nineDigits") String input) {
        Outcomes.attempt(
                "sdk-core `NhsNumber.checkDigit`",
                Outcomes.Input.of(input).mustBeAccepted(input.matches("[0-9]{9}")),
                () -> NhsNumber.checkDigit(input),
                NhsValidationException.class);
    }

    @Provide
    Arbitrary<String> odsCode() {
        return HostileStrings.around(ODS_CODES);
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1303")
    void odsCode(@ForAll("odsCode") String input) {
        Outcomes.attempt(
                "sdk-core `OdsCode.of`",
                Outcomes.Input.of(input).mustBeAccepted(ODS_CODES.contains(input)),
                () -> OdsCode.of(input),
                NhsValidationException.class);
    }

    @Provide
    Arbitrary<String> environment() {
        return HostileStrings.around(List.of("sandbox", "int", "prod", "SANDBOX", "INTEGRATION", "Production"));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1304")
    void environmentName(@ForAll("environment") String input) {
        boolean valid = Set.of("sandbox", "int", "prod", "SANDBOX", "INTEGRATION", "Production")
                .contains(input);
        Outcomes.attempt(
                "sdk-core `NhsEnvironment.fromName`",
                Outcomes.Input.of(input).mustBeAccepted(valid),
                () -> NhsEnvironment.fromName(input),
                NhsValidationException.class);
    }

    @Provide
    Arbitrary<String> pem() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, HostileStrings.mutated(Arbitraries.of(PEMS))),
                net.jqwik.api.Tuple.of(2, HostileStrings.around(PEMS)),
                net.jqwik.api.Tuple.of(
                        1,
                        Arbitraries.strings()
                                .withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789+/=\n")
                                .ofMaxLength(400)
                                .map(b ->
                                        "-----BEGIN RSA PRIVATE KEY-----\n" + b + "\n-----END RSA PRIVATE KEY-----")));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1305")
    void privateKeyPem(@ForAll("pem") String input) {
        // a PEM's base64 lines (64 characters) must not be echoed either
        List<String> lines = List.of(input.split("\n"));
        Outcomes.attempt(
                "sdk-core `PrivateKeys.fromPem`",
                new Outcomes.Input(input, lines, PEMS.contains(input)),
                () -> PrivateKeys.fromPem(input),
                NhsConfigurationException.class);
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1306")
    void operationOutcome(@ForAll long seed) {
        Outcomes.Input input = HostileJson.document(seed, CoreValuesHostileTest::outcome, 10);
        Outcomes.attempt(
                "sdk-core `OperationOutcome.parse`",
                input,
                () -> OperationOutcome.parse(input.text().getBytes(StandardCharsets.UTF_8))
                        .map(o -> PrivacyText.check(o.toString()))
                        .orElse(""));
    }

    @Provide
    Arbitrary<String> headerValue() {
        return HostileStrings.around(List.of(
                "my-app_1.0",
                "clinic.system-2",
                "corr-123e4567",
                "X-Tenant",
                "RESOURCE_NOT_FOUND",
                "INVALID_RESOURCE_ID"));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1307")
    void headerValues(@ForAll("headerValue") String input, @ForAll @IntRange(min = 0, max = 5) int op) {
        Outcomes.attempt(
                "sdk-core header values (`NhsClientOptions.Builder.applicationId`, `NhsSdk.userAgent`,"
                        + " `NhsClientBuilder.correlationId`, `CallOptions.Builder` `correlationId` and `header`,"
                        + " `NhsErrorCodes.isDocumented`)",
                Outcomes.Input.of(input),
                () -> {
                    String sent = switch (op) {
                        case 0 ->
                            NhsClientOptions.builder()
                                    .applicationId(input)
                                    .build()
                                    .toString();
                        case 1 -> NhsSdk.userAgent(input);
                        case 2 -> {
                            PdsClient.builder().correlationId(input);
                            yield input;
                        }
                        case 3 ->
                            CallOptions.builder().correlationId(input).build().toString();
                        case 4 ->
                            CallOptions.builder()
                                    .header("X-Tenant", input)
                                    .header(input, "north")
                                    .build()
                                    .toString();
                        default -> String.valueOf(NhsErrorCodes.isDocumented(input));
                    };
                    if (op <= 4 && !sent.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                        throw new AssertionError("a value accepted for a header is not visible ASCII");
                    }
                    return sent;
                },
                NhsValidationException.class);
    }

    static HostileJson.Obj outcome() {
        return HostileJson.obj(
                "resourceType",
                "OperationOutcome",
                "issue",
                HostileJson.arr(HostileJson.obj(
                        "severity",
                        "error",
                        "code",
                        "value",
                        "details",
                        HostileJson.obj(
                                "coding",
                                HostileJson.arr(HostileJson.obj(
                                        "system",
                                        "https://fhir.nhs.uk/R4/CodeSystem/Spine-ErrorOrWarningCode",
                                        "version",
                                        "1",
                                        "code",
                                        "INVALID_RESOURCE_ID",
                                        "display",
                                        "Resource Id is invalid"))),
                        "diagnostics",
                        "Invalid NHS number",
                        "expression",
                        HostileJson.arr("Patient.id"))));
    }
}
