package uk.nhs.sdk.identity.pds.internal;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * PDS's rules for a JSON Patch (its OpenAPI {@code patient-patch} description), checked before
 * any call. Messages name the rule and the path (paths are not patient data), never a value.
 * Internal.
 */
public final class PatchRules {
    /** The Patient's top-level lists, whose items carry an {@code id} (extensions: a {@code url}). */
    public static final Set<String> LISTS =
            Set.of("name", "address", "telecom", "contact", "generalPractitioner", "extension", "identifier");
    /** The fields PDS never lets an update remove. */
    private static final Set<String> NOT_REMOVABLE = Set.of("/gender", "/birthDate", "/deceasedDateTime");
    /** The genders an update may set ({@code other} can be read but never set). */
    private static final Set<String> SETTABLE_GENDERS = Set.of("male", "female", "unknown");

    private static final Pattern LIST_ITEM = Pattern.compile("/([A-Za-z]+)/([0-9]+|-)");
    private static final Pattern INSIDE_LIST_ITEM = Pattern.compile("(/([A-Za-z]+)/[0-9]+)/.+");

    private PatchRules() {}

    /**
     * Checks a pointer's syntax.
     *
     * @param path the pointer
     * @throws NhsValidationException when it is not a JSON Pointer to a field
     */
    public static void pointer(String path) {
        if (!isPointer(path)) {
            throw new NhsValidationException("patch.path", "must be a JSON Pointer such as /gender or /name/0");
        }
    }

    /**
     * RFC 6901's {@code *( "/" reference-token )}, at least one token: starts with {@code /}, and
     * every {@code ~} is {@code ~0} or {@code ~1}. Checked by hand: the regular expression it
     * replaces ({@code (/([^/~]|~[01])*)+}) recursed once per character and overflowed the stack
     * on a path of a few thousand characters.
     */
    private static boolean isPointer(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '~') {
                char next = i + 1 < path.length() ? path.charAt(i + 1) : ' ';
                if (next != '0' && next != '1') {
                    return false;
                }
            }
        }
        return true;
    }

    /** The list name when the path is a whole top-level list item ({@code /name/0}, {@code /name/-}), else null. */
    private static String listOfItem(String path) {
        Matcher m = LIST_ITEM.matcher(path);
        return m.matches() && LISTS.contains(m.group(1)) ? m.group(1) : null;
    }

    /**
     * Checks a whole patch.
     *
     * @param ops the operations, in order
     * @throws NhsValidationException naming the first rule broken
     */
    public static void check(List<PatchOperation> ops) {
        if (ops.isEmpty()) {
            throw new NhsValidationException("patch", "needs at least one operation");
        }
        for (int i = 0; i < ops.size(); i++) {
            PatchOperation op = ops.get(i);
            String list = listOfItem(op.path());
            boolean wholeItem = list != null;
            boolean append = op.path().endsWith("/-");
            switch (op.op()) {
                case "add":
                    if (wholeItem && !append) {
                        throw new NhsValidationException("patch.path", "a new " + list + " item is added at index '-'");
                    }
                    if (wholeItem && op.value() != null && op.value().has("id")) {
                        throw new NhsValidationException(
                                "patch.value", "a new " + list + " item must not carry an id: PDS assigns it");
                    }
                    break;
                case "replace":
                    if (wholeItem && append) {
                        throw new NhsValidationException("patch.path", "replace needs an index, not '-'");
                    }
                    if (wholeItem
                            && (op.value() == null
                                    || !(op.value().has("id") || op.value().has("url")))) {
                        throw new NhsValidationException(
                                "patch.value", "a replaced " + list + " item must carry its id (an extension its url)");
                    }
                    break;
                case "remove":
                    if (NOT_REMOVABLE.contains(op.path())) {
                        throw new NhsValidationException("patch.path", op.path() + " cannot be removed");
                    }
                    if (append) {
                        throw new NhsValidationException("patch.path", "remove needs an index, not '-'");
                    }
                    if (wholeItem && !testedJustBefore(ops, i, op.path())) {
                        throw new NhsValidationException(
                                "patch",
                                "removing a " + list + " item must be immediately preceded by a test of its id, url or "
                                        + "whole object");
                    }
                    break;
                case "test":
                    break;
                default:
                    throw new NhsValidationException("patch.op", "must be add, replace, remove or test");
            }
            if (!"remove".equals(op.op()) && op.value() == null) {
                throw new NhsValidationException("patch.value", op.op() + " needs a value");
            }
            if (("add".equals(op.op()) || "replace".equals(op.op())) && !wholeItem) {
                identifiedBefore(ops, i);
            }
            if (("add".equals(op.op()) || "replace".equals(op.op()))
                    && "/gender".equals(op.path())
                    && !(op.value().isTextual()
                            && SETTABLE_GENDERS.contains(op.value().textValue()))) {
                throw new NhsValidationException("patch.value", "gender can only be set to male, female or unknown");
            }
        }
    }

    private static boolean testedJustBefore(List<PatchOperation> ops, int i, String item) {
        if (i == 0) {
            return false;
        }
        PatchOperation prev = ops.get(i - 1);
        return "test".equals(prev.op())
                && (prev.path().equals(item)
                        || prev.path().equals(item + "/id")
                        || prev.path().equals(item + "/url"));
    }

    /** A change inside a list item must come after an operation naming the item's id or url. */
    private static void identifiedBefore(List<PatchOperation> ops, int i) {
        String path = ops.get(i).path();
        Matcher m = INSIDE_LIST_ITEM.matcher(path);
        if (!m.matches() || !LISTS.contains(m.group(2))) {
            return;
        }
        String item = m.group(1);
        if (path.equals(item + "/id") || path.equals(item + "/url")) {
            return;
        }
        for (int j = 0; j < i; j++) {
            String p = ops.get(j).path();
            if (!"remove".equals(ops.get(j).op()) && (p.equals(item + "/id") || p.equals(item + "/url"))) {
                return;
            }
        }
        throw new NhsValidationException(
                "patch",
                "changing part of " + item + " needs an earlier operation on " + item + "/id (an extension: /url)");
    }
}
