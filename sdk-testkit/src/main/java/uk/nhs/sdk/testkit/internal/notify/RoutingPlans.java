package uk.nhs.sdk.testkit.internal.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routing plans the fake knows: the hosted sandbox's five valid plans, its error-triggering
 * plans, and the seven global free-text plans with their personalisation fields and channel
 * character limits (APIDescription.md).
 *
 * <p>The channels of the sandbox's own plans are this fake's choice (the sandbox does not say):
 * {@code b838b13c-…} cascades NHS App → email → SMS → letter, {@code 49e43b98-…} is email,
 * {@code b402cd20-…} SMS, {@code 936e9d45-…} letter, {@code 9ba00d23-…} NHS App → SMS.
 */
final class RoutingPlans {
    /** What sending with a plan does. */
    enum Outcome {
        SEND,
        TOO_EARLY,
        INTERNAL_ERROR,
        MISSING_TEMPLATES,
        DUPLICATE_TEMPLATES,
        INVALID_CONFIG
    }

    /** A plan: its identity as the API returns it, its channels and, for free-text plans, its fields' limits. */
    record Plan(
            String id,
            String name,
            String version,
            String createdDate,
            List<String> channels,
            Map<String, Integer> freeTextFields,
            Outcome outcome) {}

    static final int NHSAPP_LIMIT = 5_000;
    static final int EMAIL_LIMIT = 100_000;
    static final int SMS_LIMIT = 918;
    private static final String CREATED = "2023-11-17T14:27:51.413Z";
    private static final Map<String, Plan> PLANS = new LinkedHashMap<>();

    static {
        plan(
                "b838b13c-f98c-4def-93f0-515d4e4f4ee1",
                "ztoe2qRAM8M8vS0bqajhyEBcvXacrGPp",
                List.of("nhsapp", "email", "sms", "letter"));
        plan("49e43b98-70cb-47a9-a55e-fe70c9a6f77c", "G.uwELAFAGMsKEBk2iIeRCBOB6kj6OkE", List.of("email"));
        plan("b402cd20-b62a-4357-8e02-2952959531c8", "J7ZPQIf1yyUB4CiBpUBoy.1ahfOTCCQ7", List.of("sms"));
        plan("936e9d45-15de-4a95-bb36-ae163c33ae53", "riOAKoN4ajoVyUf9U2xwHVNRHc5V52A.", List.of("letter"));
        plan("9ba00d23-cd6f-4aca-8688-00abc85a7980", "nkz2osS_oc8IZ5GqeN_1yXKSXe9VEUjV", List.of("nhsapp", "sms"));
        failing("4ead415a-c033-4b39-9b05-326ac237a3be", Outcome.INVALID_CONFIG);
        failing("3bb82e6a-9873-4683-b2b9-fdf33c9ba86f", Outcome.INTERNAL_ERROR);
        failing("d895ade5-0029-4fc3-9fb5-86e1e5370854", Outcome.TOO_EARLY);
        failing("c8857ccf-06ec-483f-9b3a-7fc732d9ad48", Outcome.MISSING_TEMPLATES);
        failing("a3a4e55d-7a21-45a6-9286-8eb595c872a8", Outcome.DUPLICATE_TEMPLATES);
        freeText(1, List.of("nhsapp"), Map.of("body", NHSAPP_LIMIT));
        freeText(2, List.of("email"), Map.of("email_subject", EMAIL_LIMIT, "email_body", EMAIL_LIMIT));
        freeText(3, List.of("sms"), Map.of("sms_body", SMS_LIMIT));
        Map<String, Integer> appEmail =
                Map.of("nhsapp_body", NHSAPP_LIMIT, "email_subject", EMAIL_LIMIT, "email_body", EMAIL_LIMIT);
        freeText(4, List.of("nhsapp", "email"), appEmail);
        freeText(5, List.of("nhsapp", "email"), appEmail);
        Map<String, Integer> appSms = Map.of("nhsapp_body", NHSAPP_LIMIT, "sms_body", SMS_LIMIT);
        freeText(6, List.of("nhsapp", "sms"), appSms);
        freeText(7, List.of("nhsapp", "sms"), appSms);
    }

    private RoutingPlans() {}

    private static void plan(String id, String version, List<String> channels) {
        PLANS.put(
                id,
                new Plan(id, "Sandbox plan " + id.substring(0, 8), version, CREATED, channels, Map.of(), Outcome.SEND));
    }

    private static void failing(String id, Outcome outcome) {
        PLANS.put(
                id,
                new Plan(id, "Sandbox plan " + id.substring(0, 8), "1", CREATED, List.of("nhsapp"), Map.of(), outcome));
    }

    private static void freeText(int n, List<String> channels, Map<String, Integer> fields) {
        String id = "00000000-0000-0000-0000-00000000000" + n;
        PLANS.put(id, new Plan(id, "Global free text " + n, "1", CREATED, channels, fields, Outcome.SEND));
    }

    /**
     * A plan by id.
     *
     * @param id the routing plan id, lower case or not
     * @return the plan, if known
     */
    static Optional<Plan> find(String id) {
        return Optional.ofNullable(PLANS.get(id.toLowerCase(java.util.Locale.ROOT)));
    }
}
