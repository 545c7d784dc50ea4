package uk.nhs.sdk.reliability.hostile;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.BearerTokenAuth;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.messaging.notify.NotifyAddress;
import uk.nhs.sdk.messaging.notify.NotifyCallbackDeduplicator;
import uk.nhs.sdk.messaging.notify.NotifyCallbackResult;
import uk.nhs.sdk.messaging.notify.NotifyCallbackVerifier;
import uk.nhs.sdk.messaging.notify.NotifyCascadeType;
import uk.nhs.sdk.messaging.notify.NotifyChannelStatus;
import uk.nhs.sdk.messaging.notify.NotifyChannelType;
import uk.nhs.sdk.messaging.notify.NotifyClient;
import uk.nhs.sdk.messaging.notify.NotifyContactDetails;
import uk.nhs.sdk.messaging.notify.NotifyMessage;
import uk.nhs.sdk.messaging.notify.NotifyMessageStatus;
import uk.nhs.sdk.messaging.notify.NotifyName;
import uk.nhs.sdk.messaging.notify.NotifyRoutingPlanType;
import uk.nhs.sdk.messaging.notify.NotifySupplierStatus;

/**
 * Hostile input to NHS Notify: callback bodies (correctly signed, so the body is read) and
 * callback keys and signatures, the JSON:API bodies of its responses and errors, message ids,
 * the message, name, address and contact builders, and the code lookups.
 */
class NotifyHostileTest {
    private static final String APP_ID = "hostile-application";
    private static final String API_KEY = "hostile-callback-api-key";
    private static final NotifyCallbackVerifier VERIFIER = NotifyCallbackVerifier.builder()
            .applicationId(APP_ID)
            .apiKey(Secret.of(API_KEY))
            .deduplicator(NotifyCallbackDeduplicator.bounded(1_000))
            .build();
    private static final String MESSAGE_STATUS = HostileJson.write(HostileJson.resource("message-status.json"));
    private static final String CHANNEL_STATUS = HostileJson.write(HostileJson.resource("channel-status.json"));
    private static final String SEND_201 = HostileJson.write(HostileJson.resource("send-201.json"));
    private static final String GET_200 = HostileJson.write(HostileJson.resource("get-200.json"));
    private static final String ERROR = HostileJson.write(HostileJson.obj(
            "errors",
            HostileJson.arr(HostileJson.obj(
                    "id",
                    "rrt-1931948104716186917-c-geu2-10664-3111479-3.0",
                    "code",
                    "CM_INVALID_VALUE",
                    "links",
                    HostileJson.obj("about", "https://digital.nhs.uk/developer/api-catalogue/nhs-notify"),
                    "status",
                    "400",
                    "title",
                    "Invalid value",
                    "detail",
                    "The property at the specified location does not allow" + " this value.",
                    "source",
                    HostileJson.obj("pointer", "/data/attributes/routingPlanId")))));
    private static final NhsNumber RECIPIENT = NhsNumber.parse("9990548609");
    private static final String PLAN = "b838b13c-f98c-4def-93f0-515d4e4f4ee1";
    private static final Served SERVED = new Served();
    private static final NotifyClient CLIENT = NotifyClient.builder()
            .baseUrl(Served.BASE)
            .options(SERVED.options())
            .auth(BearerTokenAuth.of(() -> Secret.of("hostile-input-token")))
            .build();

    @AfterContainer
    static void done() {
        CLIENT.close();
        Outcomes.finished(NotifyHostileTest.class);
    }

    static String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec((APP_ID + "." + API_KEY).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static NotifyCallbackResult checked(NotifyCallbackResult r, Outcomes.Input input) {
        PrivacyText.check(r.toString());
        for (String part : input.echoCandidates()) {
            if (r.toString().contains(part)) {
                throw new AssertionError("a callback result echoes its input: " + r);
            }
        }
        return r;
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1321")
    void signedCallbackBody(@ForAll long seed) {
        String valid = seed % 2 == 0 ? MESSAGE_STATUS : CHANNEL_STATUS;
        Outcomes.Input input = HostileJson.document(seed, () -> (HostileJson.Obj) HostileJson.parse(valid), 10);
        byte[] body = input.text().getBytes(StandardCharsets.UTF_8);
        Outcomes.attempt(
                "sdk-messaging `NotifyCallbackVerifier.verify` (signed hostile body)",
                input,
                () -> checked(VERIFIER.verify(API_KEY, sign(body), body), input));
    }

    @Provide
    Arbitrary<String> header() {
        byte[] body = MESSAGE_STATUS.getBytes(StandardCharsets.UTF_8);
        return HostileStrings.around(List.of(API_KEY, sign(body), sign(body).toUpperCase(java.util.Locale.ROOT)));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1322")
    void callbackHeaders(@ForAll("header") String input, @ForAll @IntRange(min = 0, max = 2) int which) {
        byte[] body = MESSAGE_STATUS.getBytes(StandardCharsets.UTF_8);
        Outcomes.Input in = Outcomes.Input.of(input);
        Outcomes.attempt(
                "sdk-messaging `NotifyCallbackVerifier.verify` (hostile key and signature headers)",
                in,
                () -> checked(
                        switch (which) {
                            case 0 -> VERIFIER.verify(input, sign(body), body);
                            case 1 -> VERIFIER.verify(API_KEY, input, body);
                            default ->
                                VERIFIER.verify(
                                        Map.of(
                                                input.isEmpty() ? "x" : input,
                                                List.of(input),
                                                "X-Hmac-Sha256-Signature",
                                                List.of(input)),
                                        body);
                        },
                        in));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1323")
    void sendResponse(@ForAll long seed, @ForAll @IntRange(min = 0, max = 5) int kind) {
        int status = List.of(201, 201, 201, 400, 404, 500).get(kind);
        Outcomes.Input input = HostileJson.document(
                seed, () -> (HostileJson.Obj) HostileJson.parse(status == 201 ? SEND_201 : ERROR), 5);
        // a valid error body is still an error: only a valid 201 must be accepted
        input = input.mustBeAccepted(input.mustBeAccepted() && status == 201);
        SERVED.serve(status, NotifyClient.MEDIA_TYPE, input.text());
        NotifyMessage message = NotifyMessage.builder(RECIPIENT)
                .routingPlanId(PLAN)
                .messageReference("da0b1495-c7cb-468c-9d81-07dee089d728")
                .build();
        Outcomes.attempt(
                "sdk-messaging `NotifyClient.send` (JSON:API response and error bodies)",
                input,
                () -> PrivacyText.check(CLIENT.send(message).toString()),
                NhsSdkException.class);
    }

    @Provide
    Arbitrary<String> messageId() {
        return HostileStrings.around(List.of("2WL3qFTEFM0qMY8xjRbt1LIKCzM", "0ujsszwN8NRY24YaXiTIE2VWDTS"));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1324")
    void getMessage(@ForAll("messageId") String id, @ForAll long seed) {
        boolean hostileBody = id.equals("2WL3qFTEFM0qMY8xjRbt1LIKCzM");
        Outcomes.Input input = hostileBody
                ? HostileJson.document(seed, () -> (HostileJson.Obj) HostileJson.parse(GET_200), 5)
                : Outcomes.Input.of(id);
        SERVED.serve(200, NotifyClient.MEDIA_TYPE, hostileBody ? input.text() : GET_200);
        Outcomes.attempt(
                "sdk-messaging `NotifyClient.getMessage` (message id and body)",
                input,
                () -> PrivacyText.check(CLIENT.getMessage(id).toString()),
                NhsSdkException.class);
    }

    @Provide
    Arbitrary<String> messageField() {
        return HostileStrings.around(List.of(
                PLAN,
                "da0b1495-c7cb-468c-9d81-07dee089d728",
                "ref-1",
                "name",
                "Jane",
                "jane.smith@example.com",
                "07700900000",
                "+447700900000",
                "LS1 6AE",
                "1 Street",
                "Town"));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1325")
    void messageBuilders(@ForAll("messageField") String input, @ForAll @IntRange(min = 0, max = 10) int field) {
        Outcomes.Input in = Outcomes.Input.of(input);
        Outcomes.attempt(
                "sdk-messaging `NotifyMessage`, `NotifyContactDetails`, `NotifyName` builders and"
                        + " `NotifyAddress.of`",
                in,
                () -> {
                    NotifyMessage.Builder b =
                            NotifyMessage.builder(RECIPIENT).routingPlanId(PLAN).messageReference("ref-1");
                    switch (field) {
                        case 0 -> b.routingPlanId(input);
                        case 1 -> b.messageReference(input);
                        case 2 -> b.personalisation(input, "value");
                        case 3 -> b.personalisation("name", input);
                        case 4 -> b.billingReference(input);
                        case 5 ->
                            b.contactDetails(
                                    NotifyContactDetails.builder().email(input).build());
                        case 6 ->
                            b.contactDetails(
                                    NotifyContactDetails.builder().sms(input).build());
                        case 7 ->
                            b.contactDetails(NotifyContactDetails.builder()
                                    .name(NotifyName.builder(input).build())
                                    .build());
                        case 8 ->
                            b.contactDetails(NotifyContactDetails.builder()
                                    .name(NotifyName.builder("Smith")
                                            .firstName(input)
                                            .prefix(input)
                                            .middleNames(input)
                                            .suffix(input)
                                            .build())
                                    .build());
                        case 9 ->
                            b.contactDetails(NotifyContactDetails.builder()
                                    .address(NotifyAddress.of(List.of("1 Street", input), "LS1 6AE"))
                                    .build());
                        default ->
                            b.contactDetails(NotifyContactDetails.builder()
                                    .address(NotifyAddress.of(List.of("1 Street", "Town"), input))
                                    .build());
                    }
                    // routing plan, reference and personalisation names are printed; values and contact details never
                    String text = b.build().toString();
                    return field == 0 || field == 1 || field == 2 || field == 4 ? text : Outcomes.notEchoed(text, in);
                },
                NhsValidationException.class);
    }

    @Provide
    Arbitrary<String> code() {
        return HostileStrings.around(List.of(
                "delivered",
                "failed",
                "sending",
                "created",
                "pending_enrichment",
                "nhsapp",
                "email",
                "sms",
                "letter",
                "type-1",
                "received",
                "notified",
                "read",
                "unnotified",
                "rejected"));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1326")
    void codeLookups(@ForAll("code") String input) {
        List<Function<String, Object>> lookups = List.of(
                NotifyMessageStatus::of,
                NotifyChannelStatus::of,
                NotifyChannelType::of,
                NotifyCascadeType::of,
                NotifyRoutingPlanType::of,
                NotifySupplierStatus::of);
        Outcomes.attempt(
                "sdk-messaging code lookups (`NotifyMessageStatus`, `NotifyChannelStatus`, `NotifyChannelType`,"
                        + " `NotifyCascadeType`, `NotifyRoutingPlanType`, `NotifySupplierStatus` `.of`)",
                Outcomes.Input.of(input),
                () -> {
                    for (Function<String, Object> f : lookups) {
                        f.apply(input);
                    }
                    return null;
                },
                NhsValidationException.class);
    }
}
