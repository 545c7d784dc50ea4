package uk.nhs.sdk.testkit.internal.pds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a PDS update ({@code {"patches": [RFC 6902 operations]}}) to a patient, all or nothing,
 * enforcing the rules of PDS's OpenAPI {@code patient-patch} description: updatable fields only;
 * new top-level list items at index {@code -}, the list created when the record has none (the fake
 * gives new items ids, as PDS does); a replaced
 * list item carries its id (an extension its url); a change inside a list item comes after an
 * operation naming the item's id; a removed list item is immediately preceded by a {@code test};
 * gender, birth date and date of death cannot be removed; gender is never set to {@code other};
 * one usual name, never removed; no period ends before it starts.
 */
final class PdsPatch {
    static final Set<String> UPDATABLE = Set.of(
            "address",
            "extension",
            "birthDate",
            "deceasedDateTime",
            "contact",
            "gender",
            "generalPractitioner",
            "managingOrganization",
            "multipleBirthInteger",
            "name",
            "telecom");
    static final Set<String> LISTS =
            Set.of("name", "address", "telecom", "contact", "generalPractitioner", "extension");
    private static final Set<String> NOT_REMOVABLE = Set.of("gender", "birthDate", "deceasedDateTime");
    private static final Set<String> GENDERS = Set.of("male", "female", "other", "unknown");
    private static final Pattern LIST_ITEM = Pattern.compile("/([A-Za-z]+)/([0-9]+|-)");
    private static final Pattern INSIDE_ITEM = Pattern.compile("(/([A-Za-z]+)/([0-9]+))/(.+)");

    private final Supplier<String> ids;

    PdsPatch(Supplier<String> ids) {
        this.ids = ids;
    }

    /** One parsed operation. */
    private record Op(String op, String path, JsonNode value) {}

    /**
     * Applies an update.
     *
     * @param current the stored patient (not changed)
     * @param body the request body
     * @return the updated copy
     * @throws PdsError when PDS would refuse the update
     */
    ObjectNode apply(ObjectNode current, JsonNode body) {
        List<Op> ops = parse(body);
        ObjectNode patient = current.deepCopy();
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            rules(ops, i, patient);
            execute(patient, op);
        }
        assignIds(patient);
        check(current, patient);
        return patient;
    }

    private static PdsError invalid(String diagnostics) {
        return PdsError.badRequest("INVALID_UPDATE", diagnostics);
    }

    private static List<Op> parse(JsonNode body) {
        if (body == null || !body.isObject() || !body.path("patches").isArray()) {
            throw invalid("Invalid patch - 'patches' is a required property");
        }
        List<Op> ops = new ArrayList<>();
        for (JsonNode p : body.get("patches")) {
            String op = p.path("op").asText("");
            String path = p.path("path").asText("");
            if (!Set.of("add", "replace", "remove", "test").contains(op)) {
                throw invalid("Invalid patch - 'op' must be one of add, replace, remove, test");
            }
            if (!path.startsWith("/")) {
                throw invalid("Invalid patch - 'path' must be a JSON pointer");
            }
            if (!"remove".equals(op) && !p.has("value")) {
                throw invalid("Invalid patch - '" + op + "' requires a 'value'");
            }
            ops.add(new Op(op, path, p.get("value")));
        }
        if (ops.isEmpty()) {
            throw invalid("Invalid patch - 'patches' must not be empty");
        }
        return ops;
    }

    private static void rules(List<Op> ops, int i, ObjectNode working) {
        Op op = ops.get(i);
        String field = tokens(op.path()).get(0);
        if (!UPDATABLE.contains(field)) {
            throw invalid("Invalid update with error - Update unsupported for resource - '" + field + "'");
        }
        if ("remove".equals(op.op()) && op.path().equals("/" + field) && NOT_REMOVABLE.contains(field)) {
            throw new PdsError(
                    403,
                    "FORBIDDEN_UPDATE",
                    "Forbidden update with error - source not permitted to remove '" + field + "'");
        }
        Matcher item = LIST_ITEM.matcher(op.path());
        boolean wholeItem = item.matches() && LISTS.contains(item.group(1));
        if (wholeItem) {
            String index = item.group(2);
            switch (op.op()) {
                case "add":
                    if (!"-".equals(index)) {
                        throw invalid("Invalid update with error - new " + field + " items must be added at '/" + field
                                + "/-'");
                    }
                    break;
                case "replace":
                    if (!sameItem(op.value(), working.path(field).path(index(index)))) {
                        throw invalid("Invalid update with error - a replaced " + field
                                + " item must carry the id of the item it replaces");
                    }
                    break;
                case "remove":
                    Op prev = i == 0 ? null : ops.get(i - 1);
                    if (prev == null
                            || !"test".equals(prev.op())
                            || !(prev.path().equals(op.path())
                                    || prev.path().equals(op.path() + "/id")
                                    || prev.path().equals(op.path() + "/url"))) {
                        throw invalid("Invalid update with error - removing " + op.path()
                                + " must be immediately preceded by a test of it");
                    }
                    break;
                default:
                    break;
            }
            return;
        }
        Matcher inside = INSIDE_ITEM.matcher(op.path());
        if (inside.matches()
                && LISTS.contains(inside.group(2))
                && !"test".equals(op.op())
                && !"remove".equals(op.op())) {
            String itemPath = inside.group(1);
            String rest = inside.group(4);
            if (rest.equals("id") || rest.equals("url")) {
                JsonNode existing =
                        working.path(field).path(index(inside.group(3))).path(rest);
                if (!existing.isMissingNode() && !existing.equals(op.value())) {
                    throw invalid("Invalid update with error - the " + rest + " given for " + itemPath
                            + " is not that of the item");
                }
                return;
            }
            for (int j = 0; j < i; j++) {
                Op o = ops.get(j);
                if (!"remove".equals(o.op())
                        && (o.path().equals(itemPath + "/id") || o.path().equals(itemPath + "/url"))) {
                    return;
                }
            }
            throw invalid("Invalid update with error - an update to " + itemPath + " must include its id");
        }
    }

    private static boolean sameItem(JsonNode value, JsonNode existing) {
        if (value == null || !value.isObject() || existing.isMissingNode()) {
            return false;
        }
        if (existing.has("id")) {
            return existing.get("id").equals(value.get("id"));
        }
        return existing.has("url") && existing.get("url").equals(value.get("url"));
    }

    private static int index(String token) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static List<String> tokens(String path) {
        List<String> out = new ArrayList<>();
        for (String t : path.substring(1).split("/", -1)) {
            out.add(t.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    private static void execute(ObjectNode root, Op op) {
        List<String> t = tokens(op.path());
        if ("add".equals(op.op())
                && t.size() == 2
                && "-".equals(t.get(1))
                && LISTS.contains(t.get(0))
                && !root.has(t.get(0))) {
            root.putArray(t.get(0));
        }
        JsonNode parent = root;
        for (int k = 0; k < t.size() - 1; k++) {
            parent = child(parent, t.get(k));
            if (parent == null) {
                throw invalid("Invalid update with error - path '" + op.path() + "' does not exist");
            }
        }
        String last = t.get(t.size() - 1);
        JsonNode target = child(parent, last);
        switch (op.op()) {
            case "test":
                if (target == null || !target.equals(op.value())) {
                    throw invalid("Invalid update with error - test of '" + op.path() + "' failed");
                }
                break;
            case "remove":
                if (target == null) {
                    throw invalid("Invalid update with error - path '" + op.path() + "' does not exist");
                }
                if (parent instanceof ArrayNode) {
                    ((ArrayNode) parent).remove(index(last));
                } else {
                    ((ObjectNode) parent).remove(last);
                }
                break;
            case "replace":
                if (target == null) {
                    throw invalid("Invalid update with error - path '" + op.path() + "' does not exist");
                }
                set(parent, last, op.value().deepCopy(), false);
                break;
            default:
                set(parent, last, op.value().deepCopy(), true);
        }
    }

    private static JsonNode child(JsonNode node, String token) {
        if (node instanceof ObjectNode) {
            return node.get(token);
        }
        if (node instanceof ArrayNode) {
            int i = index(token);
            return i >= 0 && i < node.size() ? node.get(i) : null;
        }
        return null;
    }

    private static void set(JsonNode parent, String token, JsonNode value, boolean add) {
        if (parent instanceof ObjectNode) {
            ((ObjectNode) parent).set(token, value);
            return;
        }
        if (!(parent instanceof ArrayNode)) {
            throw invalid("Invalid update with error - the parent of '" + token + "' is not a list or object");
        }
        ArrayNode a = (ArrayNode) parent;
        if ("-".equals(token) && add) {
            a.add(value);
            return;
        }
        int i = index(token);
        if (add && i >= 0 && i <= a.size()) {
            a.insert(i, value);
        } else if (!add && i >= 0 && i < a.size()) {
            a.set(i, value);
        } else {
            throw invalid("Invalid update with error - list index '" + token + "' is out of range");
        }
    }

    private void assignIds(ObjectNode patient) {
        for (String list : List.of("name", "address", "telecom", "contact")) {
            for (JsonNode item : patient.path(list)) {
                if (item instanceof ObjectNode && !item.has("id")) {
                    ((ObjectNode) item).put("id", ids.get());
                }
            }
        }
    }

    private static void check(ObjectNode before, ObjectNode after) {
        JsonNode gender = after.get("gender");
        if (gender != null && !gender.equals(before.get("gender"))) {
            String g = gender.asText("");
            if (!GENDERS.contains(g)) {
                throw PdsError.badRequest("INVALID_VALUE", "Invalid value - '" + g + "' in field 'gender'");
            }
            if ("other".equals(g)) {
                throw PdsError.badRequest("UNSUPPORTED_VALUE", "Unsupported value - 'other' in field 'gender'");
            }
        }
        long usualBefore = usualNames(before);
        long usualAfter = usualNames(after);
        if (usualAfter > 1) {
            throw invalid("Invalid update with error - a patient cannot have more than one usual name");
        }
        if (usualBefore > 0 && usualAfter == 0) {
            throw invalid("Invalid update with error - the usual name cannot be removed");
        }
        for (String list : List.of("name", "address", "telecom", "contact")) {
            for (JsonNode item : after.path(list)) {
                periods(item.path("period"), list);
            }
        }
    }

    private static long usualNames(JsonNode patient) {
        long n = 0;
        for (JsonNode name : patient.path("name")) {
            if ("usual".equals(name.path("use").asText(""))) {
                n++;
            }
        }
        return n;
    }

    private static void periods(JsonNode period, String list) {
        if (period.isMissingNode() || period.isNull()) {
            return;
        }
        if (!period.has("start")) {
            throw invalid("Invalid update with error - a " + list + " period must have a start");
        }
        LocalDate start = date(period.get("start").asText(""));
        LocalDate end = period.has("end") ? date(period.get("end").asText("")) : null;
        if (start != null && end != null && end.isBefore(start)) {
            throw invalid("Invalid update with error - a " + list + " period ends before it starts");
        }
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.length() >= 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
