package uk.nhs.sdk.identity.pds;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.nhs.sdk.core.fhir.Coding;
import uk.nhs.sdk.identity.pds.internal.FhirJson.InvalidFhir;

/**
 * One streaming pass over JSON that keeps only the fields a {@link Schema} names, in small holders,
 * and null-safe readers over them with the same rules as {@code FhirJson}'s readers over a Jackson
 * tree. Package private.
 *
 * <p>Why holders and not a model straight from the stream: the readers must check fields in the
 * order the model is built, whatever the key order of the document, so that a malformed document
 * fails on the same field as before; and an extension is recognised by its {@code url}, which may
 * come after its value. Fields no reader looks at (for example {@code contact}, {@code text}) are
 * skipped without creating a string.
 *
 * <p>Values: an {@link Obj} (for an object where the schema expects one), a {@link List} (an array
 * where the schema expects one), a {@code String}, a {@code Boolean}, an {@code Integer},
 * {@code Long} or {@code BigInteger} (integral numbers, as Jackson's tree types them), a
 * {@code Double} (other numbers), {@link #NULL}, or {@link #OBJECT} / {@link #ARRAY} for a
 * container where the schema expects a single value.
 */
final class PrunedJson {
    /** JSON {@code null}. */
    static final Object NULL = new Marker("null");
    /** An object where the schema expects no object (its content is skipped). */
    static final Object OBJECT = new Marker("object");
    /** An array where the schema expects no array (its content is skipped). */
    static final Object ARRAY = new Marker("array");

    /** A text none of the readers compares equal to anything (see {@link Schema#oneOf}); never handed out. */
    static final String OTHER_TEXT = new String(new char[] {0, 'o', 't', 'h', 'e', 'r'});

    /** Parse errors never quote the input (it can hold patient data); the same settings as FhirJson's mapper. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .enable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();

    private PrunedJson() {}

    /**
     * Reads the first JSON value of the bytes (anything after it is ignored, as
     * {@code ObjectMapper.readTree} does).
     *
     * @throws InvalidFhir when the bytes are empty or not JSON
     */
    static Object parse(byte[] json, Schema schema) {
        if (json.length == 0) {
            throw new InvalidFhir("the body is empty");
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            return root(p, schema);
        } catch (IOException e) {
            throw new InvalidFhir("the body is not valid JSON");
        }
    }

    /**
     * Reads the first JSON value of the text.
     *
     * @throws InvalidFhir when the text is empty or not JSON
     */
    static Object parse(String json, Schema schema) {
        try (JsonParser p = FACTORY.createParser(json)) {
            return root(p, schema);
        } catch (IOException e) {
            throw new InvalidFhir("the body is not valid JSON");
        }
    }

    private static Object root(JsonParser p, Schema schema) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new InvalidFhir("the body is empty");
        }
        return value(p, t, schema);
    }

    private static Object value(JsonParser p, JsonToken t, Schema s) throws IOException {
        switch (t) {
            case START_OBJECT:
                if (s.fields != null) {
                    return object(p, s);
                }
                p.skipChildren();
                return OBJECT;
            case START_ARRAY:
                if (s.element != null) {
                    return array(p, s.element);
                }
                p.skipChildren();
                return ARRAY;
            case VALUE_STRING:
                return s.known == null ? p.getText() : known(p, s.known);
            case VALUE_NUMBER_INT:
                return p.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return NULL;
            default:
                throw new IOException("unexpected token");
        }
    }

    private static String known(JsonParser p, String[][] byLength) throws IOException {
        int length = p.getTextLength();
        if (length >= byLength.length || byLength[length] == null) {
            return OTHER_TEXT;
        }
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        for (String k : byLength[length]) {
            if (matches(k, chars, offset)) {
                return k;
            }
        }
        return OTHER_TEXT;
    }

    private static boolean matches(String k, char[] chars, int offset) {
        for (int i = k.length() - 1; i >= 0; i--) {
            if (k.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }

    private static Obj object(JsonParser p, Schema s) throws IOException {
        Obj o = new Obj(s.capacity);
        if (s.span) {
            o.start = p.currentTokenLocation().getByteOffset();
        }
        String name;
        while ((name = p.nextFieldName()) != null) {
            Schema child = s.fields.get(name);
            JsonToken t = p.nextToken();
            if (child == null) {
                p.skipChildren();
            } else {
                o.put(name, value(p, t, child));
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new IOException("unexpected token");
        }
        if (s.span) {
            o.end = p.currentLocation().getByteOffset();
        }
        return o;
    }

    private static List<Object> array(JsonParser p, Schema element) throws IOException {
        List<Object> out = new ArrayList<>(4);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new IOException("unexpected end");
            }
            out.add(value(p, t, element));
        }
        return out;
    }

    // ---- readers: the rules of FhirJson's, over these holders; absent is null ----

    /** The field's value: {@code null} when the node is no object or has no such field. */
    static Object get(Object node, String field) {
        return node instanceof Obj o ? o.get(field) : null;
    }

    /** A text field, {@code null} when absent or null; throws when it is not text. */
    static String text(Object node, String field) {
        Object v = get(node, field);
        if (v == null || v == NULL) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new InvalidFhir(field + " is not a string");
        }
        return s;
    }

    static Optional<Boolean> bool(Object node, String field) {
        Object v = get(node, field);
        if (v == null || v == NULL) {
            return Optional.empty();
        }
        if (!(v instanceof Boolean b)) {
            throw new InvalidFhir(field + " is not a boolean");
        }
        return Optional.of(b);
    }

    /** An integer that fits an {@code int} (Jackson reads such a number as an {@code Integer}). */
    static Integer integer(Object node, String field) {
        Object v = get(node, field);
        if (v == null || v == NULL) {
            return null;
        }
        if (!(v instanceof Integer i)) {
            throw new InvalidFhir(field + " is not an integer");
        }
        return i;
    }

    static Double number(Object node, String field) {
        Object v = get(node, field);
        if (v == null || v == NULL) {
            return null;
        }
        if (!(v instanceof Number n)) {
            throw new InvalidFhir(field + " is not a number");
        }
        return n.doubleValue();
    }

    static Obj object(Object node, String field) {
        Object v = get(node, field);
        if (v == null || v == NULL) {
            return null;
        }
        if (!(v instanceof Obj o)) {
            throw new InvalidFhir(field + " is not an object");
        }
        return o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> array(Object node, String field) {
        Object v = get(node, field);
        if (v == null || v == NULL) {
            return List.of();
        }
        if (!(v instanceof List<?>)) {
            throw new InvalidFhir(field + " is not an array");
        }
        return (List<Object>) v;
    }

    static List<String> texts(Object node, String field) {
        List<Object> values = array(node, field);
        if (values.isEmpty()) {
            return List.of();
        }
        String[] out = new String[values.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(values.get(i) instanceof String s)) {
                throw new InvalidFhir(field + " holds a value that is not a string");
            }
            out[i] = s;
        }
        return List.of(out);
    }

    /** The first element of the node's {@code extension} array whose {@code url} is the text given. */
    static Object extension(Object node, String url) {
        List<Object> extensions = array(node, "extension");
        for (int i = 0; i < extensions.size(); i++) {
            Object e = extensions.get(i);
            if (url.equals(get(e, "url"))) {
                return e;
            }
        }
        return null;
    }

    /** The first coding of a {@code CodeableConcept}, or {@code null}. */
    static Coding firstCoding(Object concept) {
        List<Object> codings = array(concept, "coding");
        return codings.isEmpty() ? null : coding(codings.get(0));
    }

    static Coding coding(Object coding) {
        return Coding.of(text(coding, "system"), text(coding, "code"), text(coding, "display"));
    }

    /** A JSON object's kept fields, in document order; a repeated field keeps its place and its last value. */
    static final class Obj {
        /** Keys at even indexes, their values after them. */
        private Object[] slots;

        private int size;
        /** Byte offsets of the object's opening brace and of just after its closing brace, when the schema asks. */
        long start = -1;

        long end = -1;

        Obj(int capacity) {
            slots = new Object[2 * capacity];
        }

        /**
         * The value of a field. The parser interns field names ({@code INTERN_FIELD_NAMES}, set on
         * the factory) and the readers ask with literals, which are interned too, so
         * {@code String.equals} answers at its identity check when a key matches.
         */
        Object get(String key) {
            Object[] s = slots;
            for (int i = 0; i < size; i += 2) {
                if (key.equals(s[i])) {
                    return s[i + 1];
                }
            }
            return null;
        }

        void put(String key, Object value) {
            for (int i = 0; i < size; i += 2) {
                if (key.equals(slots[i])) {
                    slots[i + 1] = value;
                    return;
                }
            }
            if (size == slots.length) {
                slots = java.util.Arrays.copyOf(slots, Math.max(4, size * 2));
            }
            slots[size] = key;
            slots[size + 1] = value;
            size += 2;
        }
    }

    /** Which fields to keep: an object's fields (each with its own schema), an array's elements, or a single value. */
    static final class Schema {
        /** A single value. */
        static final Schema VALUE = new Schema(null, null, false);

        final Map<String, Schema> fields;
        final Schema element;
        final boolean span;
        /**
         * For a single value: the texts it is compared with, by length; any other text is read as
         * {@link #OTHER_TEXT}.
         */
        final String[][] known;
        /** The slots an object starts with. */
        int capacity = 2;

        private Schema(Map<String, Schema> fields, Schema element, boolean span) {
            this(fields, element, span, null);
        }

        private Schema(Map<String, Schema> fields, Schema element, boolean span, String[][] known) {
            this.fields = fields;
            this.element = element;
            this.span = span;
            this.known = known;
        }

        /**
         * A single text that readers only compare with the texts given (an extension's {@code url}): a
         * known text is read as that constant and any other as {@link #OTHER_TEXT}, so no string is made.
         */
        static Schema oneOf(String... known) {
            int max = 0;
            for (String k : known) {
                max = Math.max(max, k.length());
            }
            String[][] byLength = new String[max + 1][];
            for (String k : known) {
                String[] same = byLength[k.length()];
                byLength[k.length()] = same == null
                        ? new String[] {k}
                        : java.util.stream.Stream.concat(java.util.Arrays.stream(same), java.util.stream.Stream.of(k))
                                .toArray(String[]::new);
            }
            return new Schema(null, null, false, byLength);
        }

        /** An object; fill its fields with {@link #field}. */
        static Schema object() {
            return new Schema(new HashMap<>(), null, false);
        }

        /** An object whose byte offsets are recorded ({@link Obj#start}, {@link Obj#end}). */
        static Schema spanned() {
            return new Schema(new HashMap<>(), null, true);
        }

        static Schema arrayOf(Schema element) {
            return new Schema(null, element, false);
        }

        /** Keeps a field (built once, at class initialisation: not thread-safe while building). */
        Schema field(String name, Schema schema) {
            fields.put(name, schema);
            capacity = Math.min(fields.size(), 4);
            return this;
        }

        /** Keeps single-valued fields. */
        Schema values(String... names) {
            for (String n : names) {
                fields.put(n, VALUE);
            }
            capacity = Math.min(fields.size(), 4);
            return this;
        }
    }

    private static final class Marker {
        private final String name;

        Marker(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
