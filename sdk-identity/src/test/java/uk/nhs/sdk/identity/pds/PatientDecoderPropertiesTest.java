package uk.nhs.sdk.identity.pds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import uk.nhs.sdk.identity.pds.internal.FhirJson;
import uk.nhs.sdk.identity.pds.internal.FhirJson.InvalidFhir;

/**
 * The streaming {@link PatientDecoder} against the tree-based decoder it replaced
 * ({@link LegacyPatientDecoder}): for generated Patients and search Bundles (random subsets of
 * every modelled field, random key order, unknown fields and extensions, codes and dates outside
 * their sets, values of the wrong type in random places) both give an equal model, with the same
 * {@code rawJson()}, or both fail with the same {@code InvalidFhir} message (which names the field).
 */
class PatientDecoderPropertiesTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Property(tries = 1000)
    void aPatientDecodesAsTheTreeDecoderDecodedIt(@ForAll long seed) {
        Random r = new Random(seed);
        JsonNode tree = new Gen(r).patient();
        new Gen(r).mutate(tree);
        String json = FhirJson.write(tree);
        Outcome<Patient> expected = Outcome.legacy(() -> LegacyPatientDecoder.patient(json));
        Outcome<Patient> actual = Outcome.of(() -> PatientDecoder.patient(json));
        Outcome<Patient> fromBytes = Outcome.of(() -> PatientDecoder.patient(json.getBytes(StandardCharsets.UTF_8)));
        Statistics.label("outcome").collect(expected.failure == null ? "decoded" : expected.failure);
        assertSame(actual, expected, json);
        assertSame(fromBytes, expected, json);
    }

    @Property(tries = 300)
    void aSearchBundleDecodesAsTheTreeDecoderDecodedIt(@ForAll long seed) {
        Random r = new Random(seed);
        Gen g = new Gen(r);
        ObjectNode bundle = NODES.objectNode();
        List<Runnable> fields = new ArrayList<>();
        fields.add(() -> bundle.put("resourceType", "Bundle"));
        fields.add(() -> bundle.put("type", "searchset"));
        fields.add(() -> {
            ArrayNode entries = bundle.putArray("entry");
            int n = r.nextInt(4);
            for (int i = 0; i < n; i++) {
                ObjectNode e = NODES.objectNode();
                List<Runnable> ef = new ArrayList<>();
                ef.add(() -> e.put("fullUrl", "https://example.org/Patient/" + r.nextInt(100)));
                if (r.nextInt(10) > 0) {
                    ef.add(() -> e.set("resource", g.patient()));
                }
                if (r.nextInt(10) > 0) {
                    ef.add(() -> e.putObject("search").put("score", r.nextInt(5) == 0 ? 1 : r.nextDouble()));
                }
                Collections.shuffle(ef, r);
                ef.forEach(Runnable::run);
                entries.add(e);
            }
        });
        Collections.shuffle(fields, r);
        fields.forEach(Runnable::run);
        g.mutate(bundle);
        byte[] body = FhirJson.write(bundle).getBytes(StandardCharsets.UTF_8);
        Outcome<List<SearchMatch>> expected = Outcome.legacy(() -> LegacyPatientDecoder.matches(FhirJson.parse(body)));
        Outcome<List<SearchMatch>> actual =
                Outcome.of(() -> PatientDecoder.matches(PatientDecoder.searchDocument(body), body));
        String json = new String(body, StandardCharsets.UTF_8);
        Statistics.label("outcome")
                .collect(expected.failure == null ? "decoded " + expected.value.size() : expected.failure);
        assertThat(actual.failure).as(json).isEqualTo(expected.failure);
        if (expected.failure == null) {
            assertThat(actual.value).hasSameSizeAs(expected.value);
            for (int i = 0; i < expected.value.size(); i++) {
                assertThat(actual.value.get(i).score())
                        .isEqualTo(expected.value.get(i).score());
                assertSamePatient(
                        actual.value.get(i).patient(), expected.value.get(i).patient(), json);
            }
        }
    }

    private static void assertSame(Outcome<Patient> actual, Outcome<Patient> expected, String json) {
        assertThat(actual.failure).as(json).isEqualTo(expected.failure);
        if (expected.failure == null) {
            assertSamePatient(actual.value, expected.value, json);
        }
    }

    private static void assertSamePatient(Patient actual, Patient expected, String json) {
        assertThat(actual)
                .as(json)
                .usingRecursiveComparison()
                .ignoringFields("raw")
                .isEqualTo(expected);
        assertThat(actual.rawJson()).as(json).isEqualTo(expected.rawJson());
    }

    /** A value, or the message of the {@code InvalidFhir} thrown instead. */
    private static final class Outcome<T> {
        final T value;
        final String failure;

        private Outcome(T value, String failure) {
            this.value = value;
            this.failure = failure;
        }

        static <T> Outcome<T> of(Supplier<T> decode) {
            try {
                return new Outcome<>(decode.get(), null);
            } catch (InvalidFhir e) {
                return new Outcome<>(null, "InvalidFhir: " + e.getMessage());
            }
        }

        static <T> Outcome<T> legacy(Supplier<T> decode) {
            try {
                return of(decode);
            } catch (NullPointerException e) {
                // the tree decoder's answer to a null generalPractitioner element; the new one's is InvalidFhir
                return new Outcome<>(null, "InvalidFhir: generalPractitioner has no identifier value");
            }
        }
    }

    /** Random PDS-shaped JSON. */
    private static final class Gen {
        private final Random r;

        Gen(Random r) {
            this.r = r;
        }

        private boolean maybe() {
            return r.nextBoolean();
        }

        private <T> T pick(List<T> values) {
            return values.get(r.nextInt(values.size()));
        }

        /** An object whose fields are added in a random order, a random subset of those given. */
        private ObjectNode object(Map<String, Supplier<JsonNode>> fields, double keep) {
            List<String> keys = new ArrayList<>(fields.keySet());
            Collections.shuffle(keys, r);
            ObjectNode o = NODES.objectNode();
            for (String k : keys) {
                if (r.nextDouble() < keep) {
                    o.set(k, fields.get(k).get());
                }
            }
            if (r.nextInt(4) == 0) {
                o.put("unknown" + r.nextInt(3), "x");
            }
            return o;
        }

        private ArrayNode array(int max, Supplier<JsonNode> element) {
            ArrayNode a = NODES.arrayNode();
            int n = r.nextInt(max + 1);
            for (int i = 0; i < n; i++) {
                a.add(element.get());
            }
            return a;
        }

        private JsonNode text(String... values) {
            return NODES.textNode(pick(List.of(values)));
        }

        /** One of the valid values, or rarely the invalid one. */
        private JsonNode valid(String invalid, String... values) {
            return r.nextInt(60) == 0 ? NODES.textNode(invalid) : text(values);
        }

        private JsonNode date() {
            return r.nextInt(2) == 0
                    ? valid("2010-13-01", "2010-10-22", "1932", "2010-10", "2010-10-22T00:00:00+00:00")
                    : valid("22/10/2010", "2010-10-22T13:05:00.5Z", "2010-10-22");
        }

        private JsonNode period() {
            return object(Map.of("start", this::date, "end", this::date), 0.7);
        }

        private JsonNode coding() {
            return object(
                    Map.of(
                            "system",
                            () -> text("https://example.org/cs"),
                            "code",
                            () -> text("01", "R", "fr"),
                            "display",
                            () -> text("a display"),
                            "version",
                            () -> text("1")),
                    0.7);
        }

        private JsonNode concept() {
            return object(Map.of("coding", () -> array(2, this::coding), "text", () -> text("t")), 0.8);
        }

        private JsonNode organisation() {
            return object(
                    Map.of(
                            "id",
                            () -> text("254406A3"),
                            "type",
                            () -> text("Organization"),
                            "identifier",
                            () -> object(
                                    Map.of(
                                            "system",
                                            () -> text(FhirCodec.ODS_SYSTEM),
                                            "value",
                                            () -> text("Y12345", "A20047"),
                                            "period",
                                            this::period),
                                    0.95)),
                    0.97);
        }

        private ObjectNode extension(String url, Map<String, Supplier<JsonNode>> values) {
            ObjectNode e = object(values, 0.8);
            e.put("url", url);
            return e;
        }

        private ObjectNode complex(String url, Map<String, Supplier<JsonNode>> subs) {
            ObjectNode e = NODES.objectNode();
            if (maybe()) {
                e.put("url", url);
            }
            ArrayNode a = e.putArray("extension");
            List<String> keys = new ArrayList<>(subs.keySet());
            Collections.shuffle(keys, r);
            for (String k : keys) {
                if (r.nextInt(5) > 0) {
                    ObjectNode s = a.addObject();
                    JsonNode value = subs.get(k).get();
                    if (maybe()) {
                        s.put("url", k);
                    }
                    s.set(value.fieldNames().next(), value.elements().next());
                    if (!s.has("url")) {
                        s.put("url", k);
                    }
                }
            }
            if (!e.has("url")) {
                e.put("url", url);
            }
            return e;
        }

        private Supplier<JsonNode> single(String field, Supplier<JsonNode> value) {
            return () -> {
                ObjectNode o = NODES.objectNode();
                o.set(field, value.get());
                return o;
            };
        }

        private JsonNode patientExtension() {
            switch (r.nextInt(10)) {
                case 0:
                case 1:
                case 2:
                    return extension(
                            pick(List.of(
                                    FhirCodec.NOMINATED_PHARMACY,
                                    FhirCodec.PREFERRED_DISPENSER,
                                    FhirCodec.APPLIANCE_SUPPLIER)),
                            Map.of("valueReference", this::organisation));
                case 3:
                    return complex(
                            FhirCodec.COMMUNICATION,
                            Map.of(
                                    "language",
                                    single("valueCodeableConcept", this::concept),
                                    "interpreterRequired",
                                    single("valueBoolean", () -> NODES.booleanNode(maybe()))));
                case 4:
                    return complex(
                            FhirCodec.CONTACT_PREFERENCE,
                            Map.of(
                                    "PreferredWrittenCommunicationFormat",
                                    single("valueCodeableConcept", this::concept),
                                    "PreferredContactMethod",
                                    single("valueCodeableConcept", this::concept),
                                    "PreferredContactTimes",
                                    single("valueString", () -> text("mornings"))));
                case 5:
                    return complex(
                            FhirCodec.DEATH_NOTIFICATION,
                            Map.of(
                                    "deathNotificationStatus",
                                    single("valueCodeableConcept", this::concept),
                                    "systemEffectiveDate",
                                    single("valueDateTime", this::date)));
                case 6:
                    return extension(
                            FhirCodec.BIRTH_PLACE,
                            Map.of(
                                    "valueAddress",
                                    () -> object(
                                            Map.of(
                                                    "city",
                                                    () -> text("Leeds"),
                                                    "district",
                                                    () -> text("West Yorkshire"),
                                                    "country",
                                                    () -> text("GBR")),
                                            0.7)));
                case 7:
                    return complex(
                            FhirCodec.REMOVAL_FROM_REGISTRATION,
                            Map.of(
                                    "removalFromRegistrationCode",
                                    single("valueCodeableConcept", this::concept),
                                    "effectiveTime",
                                    single("valuePeriod", this::period)));
                default:
                    return extension("https://example.org/unknown", Map.of("valueString", () -> text("x")));
            }
        }

        JsonNode patient() {
            Map<String, Supplier<JsonNode>> f = new java.util.HashMap<>();
            f.put("resourceType", () -> valid("Bundle", "Patient"));
            f.put("id", () -> text("9000000009", "9000000017", "not-a-number"));
            f.put(
                    "identifier",
                    () -> array(
                            2,
                            () -> object(
                                    Map.of(
                                            "system",
                                            () -> text(
                                                    uk.nhs.sdk.core.fhir.Identifier.NHS_NUMBER_SYSTEM,
                                                    "https://example.org/id"),
                                            "value",
                                            () -> text("9000000009"),
                                            "extension",
                                            () -> array(
                                                    2,
                                                    () -> maybe()
                                                            ? extension(
                                                                    FhirCodec.VERIFICATION_STATUS,
                                                                    Map.of("valueCodeableConcept", this::concept))
                                                            : extension(
                                                                    "https://example.org/other",
                                                                    Map.of("valueString", () -> text("y"))))),
                                    0.8)));
            f.put(
                    "meta",
                    () -> object(
                            Map.of(
                                    "versionId",
                                    () -> valid(r.nextBoolean() ? "x2" : "1234567890123456789", "2", "17", "0"),
                                    "security",
                                    () -> array(
                                            2,
                                            () -> object(
                                                    Map.of(
                                                            "code",
                                                            () -> valid("Q", "U", "R", "V"),
                                                            "system",
                                                            () -> text("s")),
                                                    0.8))),
                            0.8));
            f.put(
                    "name",
                    () -> array(
                            3,
                            () -> object(
                                    Map.of(
                                            "id",
                                            () -> text("123"),
                                            "use",
                                            () -> valid("bogus", "usual", "nickname", "old", "temp"),
                                            "period",
                                            this::period,
                                            "prefix",
                                            () -> array(2, () -> text("Mrs")),
                                            "given",
                                            () -> array(3, () -> text("Jane", "Ann")),
                                            "family",
                                            () -> text("Smith"),
                                            "suffix",
                                            () -> array(1, () -> text("MBE"))),
                                    0.7)));
            f.put("gender", () -> valid("f", "female", "male", "other", "unknown"));
            f.put("birthDate", this::date);
            f.put("multipleBirthInteger", () -> maybe() ? NODES.numberNode(1) : NODES.numberNode(9));
            f.put("deceasedDateTime", this::date);
            f.put(
                    "address",
                    () -> array(
                            2,
                            () -> object(
                                    Map.of(
                                            "id",
                                            () -> text("456"),
                                            "use",
                                            () -> valid("nowhere", "home", "temp", "billing"),
                                            "period",
                                            this::period,
                                            "text",
                                            () -> text("Student Accommodation"),
                                            "line",
                                            () -> array(3, () -> text("1 Trevelyan Sq")),
                                            "postalCode",
                                            () -> text("LS1 6AE"),
                                            "extension",
                                            () -> array(
                                                    3,
                                                    () -> complex(
                                                            FhirCodec.ADDRESS_KEY,
                                                            Map.of(
                                                                    "type",
                                                                    single(
                                                                            "valueCoding",
                                                                            () -> object(
                                                                                    Map.of(
                                                                                            "system",
                                                                                                    () -> text(
                                                                                                            FhirCodec
                                                                                                                    .ADDRESS_KEY_TYPE),
                                                                                            "code",
                                                                                                    () -> text(
                                                                                                            "PAF",
                                                                                                            "UPRN",
                                                                                                            "X")),
                                                                                    0.9)),
                                                                    "value",
                                                                    single("valueString", () -> text("12345678")))))),
                                    0.7)));
            f.put(
                    "telecom",
                    () -> array(
                            3,
                            () -> object(
                                    Map.of(
                                            "id",
                                            () -> text("789"),
                                            "system",
                                            () -> valid("pigeon", "phone", "email", "other"),
                                            "value",
                                            () -> text("01632960587"),
                                            "use",
                                            () -> valid("sometimes", "home", "mobile"),
                                            "period",
                                            this::period,
                                            "extension",
                                            () -> array(
                                                    1,
                                                    () -> extension(
                                                            FhirCodec.OTHER_CONTACT_SYSTEM,
                                                            Map.of("valueCoding", this::coding)))),
                                    0.7)));
            f.put("generalPractitioner", () -> array(1, this::organisation));
            f.put("managingOrganization", this::organisation);
            f.put("extension", () -> array(6, this::patientExtension));
            f.put(
                    "contact",
                    () -> array(
                            1,
                            () -> object(
                                    Map.of("id", () -> text("C123"), "relationship", () -> array(1, this::concept)),
                                    0.9)));
            ObjectNode p = object(f, 0.75);
            if (r.nextInt(8) > 0 && !p.has("resourceType")) {
                p.put("resourceType", "Patient");
            }
            if (r.nextInt(8) > 0 && !p.has("id")) {
                p.put("id", "9000000009");
            }
            return p;
        }

        /** Replaces up to three values, anywhere in the tree, with a value of another type. */
        void mutate(JsonNode root) {
            int n = r.nextInt(6) - 2;
            for (int i = 0; i < n; i++) {
                List<JsonNode> parents = new ArrayList<>();
                collect(root, parents);
                JsonNode parent = pick(parents);
                JsonNode wrong = pick(List.of(
                        NODES.textNode("x"),
                        NODES.numberNode(5),
                        NODES.numberNode(2.5),
                        NODES.booleanNode(true),
                        NODES.nullNode(),
                        NODES.objectNode(),
                        NODES.arrayNode(),
                        NODES.numberNode(12345678901L),
                        NODES.numberNode(new BigInteger("123456789012345678901")),
                        NODES.arrayNode().add("x"),
                        NODES.objectNode().put("url", 1)));
                if (parent instanceof ObjectNode o && o.size() > 0) {
                    List<String> names = new ArrayList<>();
                    o.fieldNames().forEachRemaining(names::add);
                    o.set(pick(names), wrong);
                } else if (parent instanceof ArrayNode a && a.size() > 0) {
                    a.set(r.nextInt(a.size()), wrong);
                }
            }
        }

        private static void collect(JsonNode node, List<JsonNode> out) {
            if (node.isContainerNode() && node.size() > 0) {
                out.add(node);
                node.elements().forEachRemaining(c -> collect(c, out));
            }
        }
    }
}
