package uk.nhs.sdk.testkit.internal.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a send request's body against NHS Notify's request schemas ({@code CreateMessage},
 * {@code CreateMessageBatch}, {@code Message}, {@code Recipient}, {@code Originator}) the way the
 * API's proxy does: every problem becomes an {@code errors[]} entry with a JSON pointer, up to 100;
 * the objects the spec closes ({@code additionalProperties: false}: a batch's {@code Message},
 * {@code Recipient}, {@code Originator}) refuse unknown members, the others (among them
 * {@code contactDetails} and its {@code address} and {@code name}) take them; NHS
 * numbers must pass the Modulus 11 check; message references must be unique within a batch.
 */
final class NotifyValidator {
    /** The most messages a batch may hold. */
    static final int MAX_MESSAGES = 45_000;

    private static final int MAX_ERRORS = 100;
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Z|a-z]{2,}");
    private static final Set<String> MESSAGE =
            Set.of("messageReference", "billingReference", "recipient", "originator", "personalisation");
    private static final Set<String> RECIPIENT = Set.of("nhsNumber", "contactDetails");
    private static final Set<String> ORIGINATOR = Set.of("odsCode");

    private final List<NotifyError.Entry> errors = new ArrayList<>();

    private NotifyValidator() {}

    /**
     * Validates a single-message request.
     *
     * @param root the parsed body
     * @return the errors, empty when valid; at most 100
     */
    static List<NotifyError.Entry> message(JsonNode root) {
        NotifyValidator v = new NotifyValidator();
        JsonNode data = root.get("data");
        if (v.object(data, "/data")) {
            v.constant(data.get("type"), "/data/type", "Message");
            JsonNode attributes = data.get("attributes");
            if (v.object(attributes, "/data/attributes")) {
                v.uuid(attributes.get("routingPlanId"), "/data/attributes/routingPlanId");
                v.messageFields(attributes, "/data/attributes");
            }
        }
        return v.result();
    }

    /**
     * Validates a batch request.
     *
     * @param root the parsed body
     * @return the errors, empty when valid; at most 100
     * @throws NotifyError 413 {@code CM_TOO_MANY_ITEMS} for more than 45,000 messages
     */
    static List<NotifyError.Entry> batch(JsonNode root) {
        NotifyValidator v = new NotifyValidator();
        JsonNode data = root.get("data");
        if (v.object(data, "/data")) {
            v.constant(data.get("type"), "/data/type", "MessageBatch");
            JsonNode attributes = data.get("attributes");
            if (v.object(attributes, "/data/attributes")) {
                v.uuid(attributes.get("routingPlanId"), "/data/attributes/routingPlanId");
                v.string(attributes.get("messageBatchReference"), "/data/attributes/messageBatchReference");
                JsonNode messages = attributes.get("messages");
                if (v.array(messages, "/data/attributes/messages")) {
                    if (messages.size() > MAX_MESSAGES) {
                        throw NotifyError.tooManyItems();
                    }
                    Set<String> seen = new HashSet<>();
                    for (int i = 0; i < messages.size() && !v.full(); i++) {
                        String pointer = "/data/attributes/messages/" + i;
                        JsonNode m = messages.get(i);
                        if (v.object(m, pointer)) {
                            v.closed(m, pointer, MESSAGE);
                            if (v.messageFields(m, pointer)
                                    && !seen.add(m.get("messageReference").asText())) {
                                v.add(NotifyError.duplicateValue(pointer + "/messageReference"));
                            }
                        }
                    }
                }
            }
        }
        return v.result();
    }

    /** The fields a single message and a batch's message share; whether the reference is valid. */
    private boolean messageFields(JsonNode m, String at) {
        boolean reference = string(m.get("messageReference"), at + "/messageReference");
        if (m.has("billingReference")) {
            string(m.get("billingReference"), at + "/billingReference");
        }
        JsonNode recipient = m.get("recipient");
        if (object(recipient, at + "/recipient")) {
            recipient(recipient, at + "/recipient");
        }
        if (m.has("originator") && object(m.get("originator"), at + "/originator")) {
            closed(m.get("originator"), at + "/originator", ORIGINATOR);
            JsonNode ods = m.get("originator").get("odsCode");
            if (ods != null && !ods.isTextual()) {
                add(NotifyError.invalid(at + "/originator/odsCode"));
            }
        }
        if (m.has("personalisation")) {
            object(m.get("personalisation"), at + "/personalisation");
        }
        return reference;
    }

    private void recipient(JsonNode r, String at) {
        closed(r, at, RECIPIENT);
        JsonNode nhsNumber = r.get("nhsNumber");
        String pointer = at + "/nhsNumber";
        if (nhsNumber == null) {
            add(NotifyError.missing(pointer));
        } else if (nhsNumber.isNull()) {
            add(NotifyError.nullValue(pointer));
        } else if (!nhsNumber.isTextual() || !validNhsNumber(nhsNumber.asText())) {
            add(NotifyError.invalidNhsNumber(pointer));
        }
        if (r.has("contactDetails") && object(r.get("contactDetails"), at + "/contactDetails")) {
            contactDetails(r.get("contactDetails"), at + "/contactDetails");
        }
    }

    /** Ten digits whose Modulus 11 check digit matches (as {@code NhsNumber.isValid}, without regular expressions). */
    static boolean validNhsNumber(String s) {
        if (s.length() != 10) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            if (i < 9) {
                sum += (c - '0') * (10 - i);
            }
        }
        int check = 11 - sum % 11;
        return check != 10 && (check == 11 ? 0 : check) == s.charAt(9) - '0';
    }

    private void contactDetails(JsonNode c, String at) {
        JsonNode email = c.get("email");
        if (email != null && string(email, at + "/email")) {
            String e = email.asText();
            if (e.length() < 6 || e.length() > 90 || !EMAIL.matcher(e).find()) {
                add(NotifyError.invalid(at + "/email"));
            }
        }
        if (c.has("sms")) {
            string(c.get("sms"), at + "/sms");
        }
        JsonNode address = c.get("address");
        if (address != null && object(address, at + "/address")) {
            JsonNode lines = address.get("lines");
            if (array(lines, at + "/address/lines")) {
                if (lines.size() < 2) {
                    add(NotifyError.tooFewItems(at + "/address/lines"));
                } else if (lines.size() > 5) {
                    add(NotifyError.invalid(at + "/address/lines"));
                }
                for (int i = 0; i < lines.size(); i++) {
                    string(lines.get(i), at + "/address/lines/" + i);
                }
            }
            string(address.get("postcode"), at + "/address/postcode");
        }
        JsonNode name = c.get("name");
        if (name != null && object(name, at + "/name")) {
            string(name.get("lastName"), at + "/name/lastName");
        }
    }

    /** Whether a member is there and not {@code null}; records the spec's error when not. */
    private boolean present(JsonNode node, String pointer) {
        if (node == null) {
            add(NotifyError.missing(pointer));
            return false;
        }
        if (node.isNull()) {
            add(NotifyError.nullValue(pointer));
            return false;
        }
        return true;
    }

    private boolean object(JsonNode node, String pointer) {
        if (!present(node, pointer)) {
            return false;
        }
        if (!node.isObject()) {
            add(NotifyError.invalid(pointer));
            return false;
        }
        return true;
    }

    private boolean array(JsonNode node, String pointer) {
        if (!present(node, pointer)) {
            return false;
        }
        if (!node.isArray()) {
            add(NotifyError.invalid(pointer));
            return false;
        }
        if (node.isEmpty()) {
            add(NotifyError.tooFewItems(pointer));
            return false;
        }
        return true;
    }

    private boolean string(JsonNode node, String pointer) {
        if (!present(node, pointer)) {
            return false;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            add(NotifyError.invalid(pointer));
            return false;
        }
        return true;
    }

    private void uuid(JsonNode node, String pointer) {
        if (string(node, pointer) && !UUID.matcher(node.asText()).matches()) {
            add(NotifyError.invalid(pointer));
        }
    }

    private void constant(JsonNode node, String pointer, String value) {
        if (string(node, pointer) && !value.equals(node.asText())) {
            add(NotifyError.invalid(pointer));
        }
    }

    /** Refuses members a closed object does not define. */
    private void closed(JsonNode node, String pointer, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                add(NotifyError.invalid(pointer + "/" + name.replace("~", "~0").replace("/", "~1")));
            }
        }
    }

    private void add(NotifyError.Entry e) {
        if (!full()) {
            errors.add(e);
        }
    }

    private boolean full() {
        return errors.size() >= MAX_ERRORS;
    }

    private List<NotifyError.Entry> result() {
        return List.copyOf(errors);
    }
}
