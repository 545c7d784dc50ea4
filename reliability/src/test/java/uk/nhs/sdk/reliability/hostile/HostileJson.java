package uk.nhs.sdk.reliability.hostile;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hostile JSON documents made from a valid one: a seeded {@link Random} mutates the valid tree
 * (values replaced by other types, nulls, huge numbers, hostile strings and deep nesting; keys
 * removed, duplicated or added) and sometimes the text (truncated, a character changed, garbage
 * around it), or replaces the whole document (empty, a scalar, deep nesting).
 *
 * <p>The strings it puts into a document are returned as its parts: no exception message may
 * echo them.
 */
final class HostileJson {
    private static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };
    private final Random random;
    private final List<String> parts = new ArrayList<>();

    private HostileJson(long seed) {
        this.random = new Random(seed);
    }

    /** A JSON object whose keys may repeat. */
    static final class Obj {
        final List<Map.Entry<String, Object>> fields = new ArrayList<>();

        Obj put(String key, Object value) {
            fields.add(new java.util.AbstractMap.SimpleEntry<>(key, value));
            return this;
        }
    }

    /**
     * An object from alternating keys and values (a {@link List} is an array, {@code null} is JSON
     * null).
     *
     * @param keyValues keys and values
     * @return the object
     */
    static Obj obj(Object... keyValues) {
        Obj o = new Obj();
        for (int i = 0; i < keyValues.length; i += 2) {
            o.put((String) keyValues[i], keyValues[i + 1] == null ? NULL : keyValues[i + 1]);
        }
        return o;
    }

    /**
     * An array.
     *
     * @param values the elements
     * @return the array
     */
    static List<Object> arr(Object... values) {
        List<Object> out = new ArrayList<>();
        for (Object v : values) {
            out.add(v == null ? NULL : v);
        }
        return out;
    }

    /**
     * A hostile document made from a valid one.
     *
     * @param seed the seed
     * @param valid makes the valid document (called afresh: the mutations change it)
     * @param keepValid the share of cases (0 to 100) left valid
     * @return the document and the strings put into it; a document left valid must be accepted
     */
    static Outcomes.Input document(long seed, java.util.function.Supplier<Obj> valid, int keepValid) {
        HostileJson h = new HostileJson(seed);
        Obj tree = valid.get();
        int roll = h.random.nextInt(100);
        if (roll < keepValid) {
            return new Outcomes.Input(write(tree), List.of(), true);
        }
        if (roll >= 97) {
            return new Outcomes.Input(h.whole(), List.copyOf(h.parts), false);
        }
        int mutations = 1 + h.random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            h.mutate(tree);
        }
        String text = write(tree);
        if (h.random.nextInt(10) == 0) {
            text = h.mutateText(text);
        }
        return new Outcomes.Input(text, List.copyOf(h.parts), false);
    }

    private String whole() {
        return switch (random.nextInt(8)) {
            case 0 -> "";
            case 1 -> "null";
            case 2 -> "[]";
            case 3 -> "{}";
            case 4 -> "[".repeat(20_000);
            case 5 -> "{\"a\":".repeat(10_000);
            case 6 -> "\"" + hostileString() + "\"";
            default -> "123456789012345678901234567890e99999";
        };
    }

    private String mutateText(String text) {
        int at = random.nextInt(text.length() + 1);
        return switch (random.nextInt(5)) {
            case 0 -> text.substring(0, at);
            case 1 ->
                text.substring(0, at) + (char) random.nextInt(0x3000) + text.substring(Math.min(at + 1, text.length()));
            case 2 -> "\uFEFF" + text;
            case 3 -> text + "}garbage";
            default -> text.substring(0, at) + "\u0000" + text.substring(at);
        };
    }

    private void mutate(Obj root) {
        List<Object> containers = new ArrayList<>();
        collect(root, containers);
        Object target = containers.get(random.nextInt(containers.size()));
        if (target instanceof Obj o) {
            if (o.fields.isEmpty()) {
                o.put(hostileKey(), hostileValue());
                return;
            }
            int i = random.nextInt(o.fields.size());
            Map.Entry<String, Object> e = o.fields.get(i);
            switch (random.nextInt(6)) {
                case 0 -> o.fields.remove(i);
                case 1 -> o.put(e.getKey(), hostileValue());
                case 2 -> o.put(hostileKey(), hostileValue());
                default -> e.setValue(hostileValue());
            }
        } else {
            @SuppressWarnings("unchecked")
            List<Object> a = (List<Object>) target;
            if (a.isEmpty() || random.nextInt(4) == 0) {
                a.add(hostileValue());
            } else {
                a.set(random.nextInt(a.size()), hostileValue());
            }
        }
    }

    private static void collect(Object node, List<Object> out) {
        if (node instanceof Obj o) {
            out.add(o);
            for (Map.Entry<String, Object> e : o.fields) {
                collect(e.getValue(), out);
            }
        } else if (node instanceof List<?> a) {
            out.add(a);
            for (Object v : a) {
                collect(v, out);
            }
        }
    }

    private String hostileKey() {
        return random.nextInt(3) == 0
                ? hostileString()
                : List.of(
                                "resourceType",
                                "id",
                                "extension",
                                "type",
                                "entry",
                                "resource",
                                "data",
                                "attributes",
                                "value",
                                "system",
                                "code")
                        .get(random.nextInt(11));
    }

    private Object hostileValue() {
        return switch (random.nextInt(14)) {
            case 0 -> NULL;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextLong();
            case 3 -> new BigInteger(200, random);
            case 4 -> new Raw("1e400");
            case 5 -> new Raw("-0.0000000000000000000000001");
            case 6 -> arr();
            case 7 -> obj();
            case 8 -> deep(random.nextInt(3) == 0 ? 1_500 : 1 + random.nextInt(40));
            case 9 -> "";
            case 10 -> "x".repeat(random.nextInt(20_000));
            default -> hostileString();
        };
    }

    private Object deep(int depth) {
        Object v = "leaf";
        for (int i = 0; i < depth; i++) {
            v = random.nextBoolean() ? arr(v) : obj("a", v);
        }
        return v;
    }

    private String hostileString() {
        StringBuilder sb = new StringBuilder();
        int n = 8 + random.nextInt(24);
        for (int i = 0; i < n; i++) {
            sb.append(
                    random.nextInt(4) == 0
                            ? HostileStrings.INJECTIONS.get(random.nextInt(HostileStrings.INJECTIONS.size()))
                            : String.valueOf((char) (0x21 + random.nextInt(0x2000))));
        }
        String s = sb.toString();
        parts.add(s);
        return s;
    }

    /** A number written as it is. */
    private record Raw(String text) {}

    /**
     * The JSON text of a tree.
     *
     * @param node the tree
     * @return the text
     */
    static String write(Object node) {
        StringBuilder sb = new StringBuilder();
        write(node, sb);
        return sb.toString();
    }

    private static void write(Object node, StringBuilder sb) {
        // iterative over depth would be nicer; documents stay below the JVM's recursion limit
        if (node instanceof Obj o) {
            sb.append('{');
            for (int i = 0; i < o.fields.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                string(o.fields.get(i).getKey(), sb);
                sb.append(':');
                write(o.fields.get(i).getValue(), sb);
            }
            sb.append('}');
        } else if (node instanceof List<?> a) {
            sb.append('[');
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(a.get(i), sb);
            }
            sb.append(']');
        } else if (node instanceof String s) {
            string(s, sb);
        } else if (node instanceof Raw r) {
            sb.append(r.text());
        } else {
            sb.append(node);
        }
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * Reads a JSON document into a tree this class can mutate (a test-only reader for the valid
     * seed documents: numbers are kept as written).
     *
     * @param json the document
     * @return the tree
     */
    static Object parse(String json) {
        int[] at = {0};
        Object v = value(json, at);
        return v;
    }

    /**
     * Reads a seed document from this package's resources ({@code /hostile/NAME}).
     *
     * @param name the file name
     * @return the tree, an object
     */
    static Obj resource(String name) {
        try (java.io.InputStream in = HostileJson.class.getResourceAsStream("/hostile/" + name)) {
            return (Obj) parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Object value(String s, int[] at) {
        skip(s, at);
        char c = s.charAt(at[0]);
        if (c == '{') {
            Obj o = new Obj();
            at[0]++;
            skip(s, at);
            if (s.charAt(at[0]) == '}') {
                at[0]++;
                return o;
            }
            while (true) {
                skip(s, at);
                String key = (String) value(s, at);
                skip(s, at);
                at[0]++; // ':'
                o.put(key, value(s, at));
                skip(s, at);
                if (s.charAt(at[0]++) == '}') {
                    return o;
                }
            }
        }
        if (c == '[') {
            List<Object> a = new ArrayList<>();
            at[0]++;
            skip(s, at);
            if (s.charAt(at[0]) == ']') {
                at[0]++;
                return a;
            }
            while (true) {
                a.add(value(s, at));
                skip(s, at);
                if (s.charAt(at[0]++) == ']') {
                    return a;
                }
            }
        }
        if (c == '"') {
            StringBuilder sb = new StringBuilder();
            at[0]++;
            while (s.charAt(at[0]) != '"') {
                char ch = s.charAt(at[0]++);
                if (ch == '\\') {
                    char e = s.charAt(at[0]++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'u' -> {
                            sb.append((char) Integer.parseInt(s.substring(at[0], at[0] + 4), 16));
                            at[0] += 4;
                        }
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(ch);
                }
            }
            at[0]++;
            return sb.toString();
        }
        int start = at[0];
        while (at[0] < s.length() && ",}] \n\r\t".indexOf(s.charAt(at[0])) < 0) {
            at[0]++;
        }
        String word = s.substring(start, at[0]);
        return switch (word) {
            case "null" -> NULL;
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> new Raw(word);
        };
    }

    private static void skip(String s, int[] at) {
        while (at[0] < s.length() && Character.isWhitespace(s.charAt(at[0]))) {
            at[0]++;
        }
    }
}
