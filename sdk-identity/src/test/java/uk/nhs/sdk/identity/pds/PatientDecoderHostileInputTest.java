package uk.nhs.sdk.identity.pds;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.identity.pds.internal.FhirJson;
import uk.nhs.sdk.identity.pds.internal.FhirJson.InvalidFhir;

/**
 * The streaming {@link PatientDecoder} against the tree-based decoder it replaced
 * ({@link LegacyPatientDecoder}) on hostile or odd JSON the generated documents of
 * {@link PatientDecoderPropertiesTest} never contain (duplicate keys, escaped keys, keys differing by
 * case, odd numbers, a BOM, other encodings, trailing data, deep nesting), and the decoder's
 * resource bounds: stack depth, work on a UTF-16 Bundle, bytes a search's Patient keeps.
 */
class PatientDecoderHostileInputTest {
    private static final String P = "{\"resourceType\":\"Patient\",\"id\":\"9000000009\",\"gender\":\"female\","
            + "\"name\":[{\"family\":\"Smith\",\"given\":[\"Jane\"]}],\"multipleBirthInteger\":1}";

    /** A decode's outcome as text: the model's main fields and rawJson, or the failure. */
    private static String outcome(Supplier<Object> decode) {
        try {
            Object o = decode.get();
            if (o instanceof Patient p) {
                return "ok " + p.id() + p.names() + p.gender() + p.multipleBirthOrder() + " " + p.rawJson();
            }
            StringBuilder sb = new StringBuilder("ok");
            for (Object m : (List<?>) o) {
                SearchMatch match = (SearchMatch) m;
                sb.append(' ')
                        .append(match.score())
                        .append(match.patient().names())
                        .append(match.patient().rawJson());
            }
            return sb.toString();
        } catch (InvalidFhir e) {
            return "InvalidFhir: " + e.getMessage();
        }
    }

    private static void samePatient(String json) {
        String old = outcome(() -> LegacyPatientDecoder.patient(json));
        assertThat(outcome(() -> PatientDecoder.patient(json))).as(json).isEqualTo(old);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        String oldBytes = outcome(() -> LegacyPatientDecoder.patient(FhirJson.parse(bytes)));
        assertThat(outcome(() -> PatientDecoder.patient(bytes))).as(json).isEqualTo(oldBytes);
    }

    private static void sameSearch(byte[] body) {
        String old = outcome(() -> LegacyPatientDecoder.matches(FhirJson.parse(body)));
        assertThat(outcome(() -> PatientDecoder.matches(PatientDecoder.searchDocument(body), body)))
                .as(new String(body, StandardCharsets.UTF_8))
                .isEqualTo(old);
    }

    private static void sameSearch(String body) {
        sameSearch(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String bundle(String... resources) {
        StringBuilder sb = new StringBuilder("{\"resourceType\":\"Bundle\",\"entry\":[");
        for (int i = 0; i < resources.length; i++) {
            sb.append(i == 0 ? "" : ",")
                    .append("{\"resource\": ")
                    .append(resources[i])
                    .append(" ,\"search\":{\"score\":")
                    .append(i + 1)
                    .append("}}");
        }
        return sb.append("]}").toString();
    }

    @Test
    void duplicateKeysKeepTheLastValueAsTheTreeDid() {
        samePatient(
                "{\"resourceType\":\"Patient\",\"id\":\"1\",\"gender\":\"female\",\"id\":\"9\",\"gender\":\"male\"}");
        samePatient(
                "{\"resourceType\":\"Patient\",\"id\":\"1\",\"name\":[{\"family\":\"A\"}],\"name\":{\"family\":\"B\"}}");
        samePatient(
                "{\"resourceType\":\"Patient\",\"id\":\"1\",\"name\":{\"family\":\"B\"},\"name\":[{\"family\":\"A\"}]}");
        samePatient("{\"resourceType\":\"Patient\",\"id\":\"1\",\"id\":null}");
        samePatient("{\"resourceType\":\"Bundle\",\"id\":\"1\",\"resourceType\":\"Patient\"}");
        sameSearch("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":" + P + ",\"resource\":"
                + P.replace("Smith", "Jones") + ",\"search\":{\"score\":1},\"search\":{\"score\":\"x\"}}]}");
        sameSearch("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":" + P + ",\"resource\":"
                + P.replace("Smith", "Jones") + ",\"search\":{\"score\":0.5}}],\"entry\":[]}");
        sameSearch("{\"resourceType\":\"Bundle\",\"entry\":[],\"entry\":[{\"resource\":" + P + ",\"resource\":"
                + P.replace("Smith", "Jones") + ",\"search\":{\"score\":0.5}}]}");
    }

    @Test
    void keysDifferingByCaseAndEscapedKeysAndValuesReadAsTheTreeReadThem() {
        samePatient("{\"resourceType\":\"Patient\",\"ID\":\"1\",\"id\":\"2\",\"Gender\":5}");
        samePatient(
                "{\"resourceType\":\"Patient\",\"\\u0069d\":\"9\",\"g\\u0065nder\":\"male\",\"name\":[{\"f\\u0061mily\":"
                        + "\"\\uD83D\\uDE00\\u00e9\\\"\",\"given\":[\"\uD83D\uDE00\",\"\\ud800x\"]}]}");
        samePatient("{\"resourceT\\u0079pe\":\"Pat\\u0069ent\",\"id\":\"\\ud800x\"}");
        samePatient("{\"resourceType\":\"Patient\",\"id\":\"1\",\"extension\":[{\"url\":\"https:\\/\\/fhir.hl7.org.uk"
                + "\\/StructureDefinition\\/Extension-UKCore-BirthPlace\",\"valueAddress\":{\"city\":\"Leeds\"}}]}");
    }

    @Test
    void numbersInEveryPlaceReadAndWriteAsTheTreeDid() {
        for (String n : new String[] {
            "1.0", "1e2", "-0", "-0.0", "12345678901234567890123", "2147483648", "1E400", "0.1", "1.10", "-1"
        }) {
            samePatient("{\"resourceType\":\"Patient\",\"id\":\"1\",\"other\":" + n + ",\"multipleBirthInteger\":" + n
                    + "}");
            samePatient("{\"resourceType\":\"Patient\",\"id\":\"1\",\"other\":" + n + ",\"unknown\":[" + n + "]}");
            sameSearch(
                    "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"1\","
                            + "\"x\":" + n + "},\"search\":{\"score\":" + n + "}}]}");
        }
        samePatient("{\"resourceType\":\"Patient\",\"id\":1}");
        samePatient("{\"resourceType\":\"Patient\",\"id\":\"1\",\"multipleBirthInteger\":\"1\"}");
    }

    @Test
    void oddDocumentsFailOrDecodeAsTheTreeDid() {
        for (String s : new String[] {
            "",
            " ",
            "[]",
            "[" + P + "]",
            "5",
            "\"x\"",
            "null",
            "true",
            P + " garbage",
            P + "}",
            P + "{",
            "\uFEFF" + P,
            "{",
            "{\"resourceType\":\"Patient\",\"id\":\"1\"",
            "{\"a\":1,}",
            "{'a':1}",
            P + "\u0000"
        }) {
            samePatient(s);
        }
        for (String s : new String[] {"[]", "5", "null", bundle(P) + " trailing", "\uFEFF" + bundle(P, P)}) {
            sameSearch(s);
        }
    }

    @Test
    void aSearchInOtherEncodingsOrWithUnicodeBeforeItsEntriesKeepsEachEntrysJson() {
        sameSearch(("\uFEFF" + bundle(P, P.replace("Smith", "Jones"))).getBytes(StandardCharsets.UTF_8));
        for (Charset c : new Charset[] {
            StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16, Charset.forName("UTF-32BE")
        }) {
            sameSearch(bundle(P, P.replace("Smith", "Jones")).getBytes(c));
        }
        sameSearch("{\n  \"resourceType\" : \"Bundle\", \"\u00e9\u20ac\uD83D\uDE00\":\"\u00e9\u20ac\uD83D\uDE00\",\n"
                + " \"entry\" : [ \n\t{ \"search\" : {\"score\":1}, \"resource\" :\r\n  "
                + P.replace("Smith", "Sm\u00efth\uD83D\uDE00") + "\n } , {\"resource\":" + P
                + "  ,\"search\":{\"score\":0.1}}] }");
    }

    @Test
    void invalidUtf8InASkippedFieldFailsAsTheTreeFailed() {
        byte[] head = "{\"unknown\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\",\"resourceType\":\"Patient\",\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xC3;
        body[head.length + 1] = (byte) 0x28;
        System.arraycopy(tail, 0, body, head.length + 2, tail.length);
        assertThat(outcome(() -> PatientDecoder.patient(body)))
                .isEqualTo(outcome(() -> LegacyPatientDecoder.patient(FhirJson.parse(body))))
                .isEqualTo("InvalidFhir: the body is not valid JSON");
    }

    /**
     * Extensions nested 400 deep (under Jackson's nesting limit) decode on a thread with a 128 KiB
     * stack, as the tree decoder's did: the schema, not the input, bounds the parser's recursion.
     * Nested beyond Jackson's limit they fail as invalid JSON, as before.
     */
    @Test
    void deeplyNestedExtensionsDoNotExhaustTheStack() throws InterruptedException {
        for (int depth : new int[] {400, 600}) {
            StringBuilder sb = new StringBuilder("{\"resourceType\":\"Patient\",\"id\":\"1\",\"extension\":[");
            sb.append("{\"url\":\"u\",\"extension\":[".repeat(depth))
                    .append("]}".repeat(depth))
                    .append("]}");
            byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
            AtomicReference<String> result = new AtomicReference<>();
            Thread t = new Thread(
                    null,
                    () -> {
                        try {
                            PatientDecoder.patient(body);
                            result.set("decoded");
                        } catch (InvalidFhir e) {
                            result.set(e.getMessage());
                        } catch (StackOverflowError e) {
                            result.set("stack overflow");
                        }
                    },
                    "small-stack",
                    128 * 1024);
            t.start();
            t.join();
            assertThat(result.get())
                    .as("depth " + depth)
                    .isEqualTo(depth < 500 ? "decoded" : "the body is not valid JSON");
        }
    }

    /**
     * A search Bundle in UTF-16 (no byte offsets: each entry's JSON comes from a tree) is parsed
     * into a tree once, not once per entry: the decode allocates a small multiple of the body, not
     * the body times the number of entries.
     */
    @Test
    void aUtf16SearchIsParsedIntoATreeOnce() {
        String[] resources = new String[300];
        java.util.Arrays.fill(resources, P);
        byte[] body = bundle(resources).getBytes(StandardCharsets.UTF_16LE);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        PatientDecoder.matches(PatientDecoder.searchDocument(body), body); // warm: class loading
        long before = threads.getCurrentThreadAllocatedBytes();
        List<SearchMatch> matches = PatientDecoder.matches(PatientDecoder.searchDocument(body), body);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(matches).hasSize(300);
        assertThat(matches.get(299).patient().rawJson()).isEqualTo(P);
        assertThat(allocated)
                .as("bytes allocated for a %d-byte body", body.length)
                .isLessThan(40L * body.length);
    }

    /** A Patient from a search keeps its own resource's bytes, not the whole Bundle's. */
    @Test
    void aSearchMatchKeepsOnlyItsOwnBytes() throws ReflectiveOperationException {
        byte[] body = bundle(P, P.replace("Smith", "Jones"), P).getBytes(StandardCharsets.UTF_8);
        List<SearchMatch> matches = PatientDecoder.matches(PatientDecoder.searchDocument(body), body);
        Field raw = Patient.class.getDeclaredField("raw");
        raw.setAccessible(true);
        Field bytes = RawResource.class.getDeclaredField("bytes");
        bytes.setAccessible(true);
        for (SearchMatch m : matches) {
            byte[] kept = (byte[]) bytes.get(raw.get(m.patient()));
            assertThat(kept).isNotSameAs(body).hasSize(P.length());
            assertThat(m.patient().rawJson()).isEqualTo(new String(kept, StandardCharsets.UTF_8));
        }
    }
}
