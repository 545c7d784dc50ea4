package uk.nhs.sdk.identity.pds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.identity.pds.internal.FhirJson;
import uk.nhs.sdk.identity.pds.internal.PatchOperation;
import uk.nhs.sdk.identity.pds.internal.PatchRules;

/**
 * An update to a patient record: the JSON Patch (RFC 6902) PDS takes, wrapped as
 * {@code {"patches": [...]}}. All operations apply together or not at all.
 *
 * <pre>{@code
 * PatientPatch patch = PatientPatch.builder()
 *     .addName(PatientName.builder().use(NameUse.NICKNAME).given("Jo").build())
 *     .replace("/gender", "female")
 *     .removeListItem("telecom", 1, "790")
 *     .build();
 * }</pre>
 *
 * <p>PDS's rules, checked when built:
 * <ul>
 *   <li>a new top-level list item (name, address, telecom, contact, GP, extension) is added at
 *       index {@code -} ({@code /name/-}) and carries no id;</li>
 *   <li>replacing a whole list item carries its {@code id} (an extension its {@code url});
 *       changing part of one comes after an operation on its {@code /id} (or {@code /url});</li>
 *   <li>removing a list item is immediately preceded by a {@code test} of its id, url or whole
 *       object ({@link Builder#removeListItem}, {@link Builder#removeExtension} do both); when
 *       removing several items of one list, go from the highest index down;</li>
 *   <li>{@code /gender}, {@code /birthDate} and {@code /deceasedDateTime} are never removed, and
 *       gender is set only to {@code male}, {@code female} or {@code unknown};</li>
 *   <li>at least one operation.</li>
 * </ul>
 *
 * <p>Immutable; its {@code toString()} prints only operations and paths.
 */
public final class PatientPatch {
    private final List<PatchOperation> operations;

    private PatientPatch(List<PatchOperation> operations) {
        this.operations = List.copyOf(operations);
    }

    /**
     * Starts a patch.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The request body, {@code {"patches":[{"op":...,"path":...,"value":...}, ...]}}. It holds
     * patient data: never log it.
     *
     * @return the JSON text
     */
    public String toJson() {
        ObjectNode body = FhirJson.object();
        ArrayNode patches = body.putArray("patches");
        operations.forEach(op -> patches.add(op.toJson()));
        return FhirJson.write(body);
    }

    /**
     * The number of operations.
     *
     * @return the count
     */
    public int size() {
        return operations.size();
    }

    /**
     * Operations and paths only.
     *
     * @return for example {@code PatientPatch[add /name/-, replace /gender]}
     */
    @Override
    public String toString() {
        return operations.stream()
                .map(PatchOperation::toString)
                .collect(Collectors.joining(", ", "PatientPatch[", "]"));
    }

    /**
     * Builds a {@link PatientPatch}. Operations are kept in the order given.
     */
    public static final class Builder {
        private final List<PatchOperation> operations = new ArrayList<>();

        private Builder() {}

        private Builder op(String op, String path, JsonNode value) {
            Objects.requireNonNull(path, "path");
            PatchRules.pointer(path);
            operations.add(new PatchOperation(op, path, value));
            return this;
        }

        private static JsonNode json(String json) {
            Objects.requireNonNull(json, "json");
            try {
                return FhirJson.parse(json);
            } catch (FhirJson.InvalidFhir e) {
                throw new NhsValidationException("patch.value", "is not valid JSON");
            }
        }

        /**
         * Adds a name ({@code add /name/-}).
         *
         * @param name a new name, without an id
         * @return this builder
         */
        public Builder addName(PatientName name) {
            return op("add", "/name/-", FhirCodec.write(Objects.requireNonNull(name, "name")));
        }

        /**
         * Adds an address ({@code add /address/-}).
         *
         * @param address a new address, without an id
         * @return this builder
         */
        public Builder addAddress(Address address) {
            return op("add", "/address/-", FhirCodec.write(Objects.requireNonNull(address, "address")));
        }

        /**
         * Adds a telecom entry ({@code add /telecom/-}).
         *
         * @param telecom a new entry, without an id
         * @return this builder
         */
        public Builder addTelecom(ContactPoint telecom) {
            return op("add", "/telecom/-", FhirCodec.write(Objects.requireNonNull(telecom, "telecom")));
        }

        /**
         * Replaces a whole name ({@code replace /name/<index>}).
         *
         * @param index the name's position in the retrieved record
         * @param name the new name, carrying the existing name's id
         * @return this builder
         */
        public Builder replaceName(int index, PatientName name) {
            return op("replace", "/name/" + index(index), FhirCodec.write(Objects.requireNonNull(name, "name")));
        }

        /**
         * Replaces a whole address ({@code replace /address/<index>}).
         *
         * @param index the address's position in the retrieved record
         * @param address the new address, carrying the existing address's id
         * @return this builder
         */
        public Builder replaceAddress(int index, Address address) {
            return op(
                    "replace", "/address/" + index(index), FhirCodec.write(Objects.requireNonNull(address, "address")));
        }

        /**
         * Replaces a whole telecom entry ({@code replace /telecom/<index>}); PDS requires the same
         * system and use (otherwise remove and add).
         *
         * @param index the entry's position in the retrieved record
         * @param telecom the new entry, carrying the existing entry's id
         * @return this builder
         */
        public Builder replaceTelecom(int index, ContactPoint telecom) {
            return op(
                    "replace", "/telecom/" + index(index), FhirCodec.write(Objects.requireNonNull(telecom, "telecom")));
        }

        /**
         * Adds a text value ({@code add}), such as {@code /deceasedDateTime}.
         *
         * @param path the JSON Pointer
         * @param value the text
         * @return this builder
         */
        public Builder add(String path, String value) {
            return op("add", path, FhirJson.NODES.textNode(Objects.requireNonNull(value, "value")));
        }

        /**
         * Adds any JSON value ({@code add}), such as an extension at {@code /extension/-}.
         *
         * @param path the JSON Pointer
         * @param json the value as JSON text
         * @return this builder
         * @throws NhsValidationException when the text is not JSON
         */
        public Builder addJson(String path, String json) {
            return op("add", path, json(json));
        }

        /**
         * Replaces with a text value ({@code replace}), such as {@code /gender} or
         * {@code /address/0/postalCode}.
         *
         * @param path the JSON Pointer
         * @param value the text
         * @return this builder
         */
        public Builder replace(String path, String value) {
            return op("replace", path, FhirJson.NODES.textNode(Objects.requireNonNull(value, "value")));
        }

        /**
         * Replaces with any JSON value ({@code replace}), such as a whole extension.
         *
         * @param path the JSON Pointer
         * @param json the value as JSON text
         * @return this builder
         * @throws NhsValidationException when the text is not JSON
         */
        public Builder replaceJson(String path, String json) {
            return op("replace", path, json(json));
        }

        /**
         * Tests a text value ({@code test}); the whole patch fails if it does not match.
         *
         * @param path the JSON Pointer
         * @param value the expected text
         * @return this builder
         */
        public Builder test(String path, String value) {
            return op("test", path, FhirJson.NODES.textNode(Objects.requireNonNull(value, "value")));
        }

        /**
         * Tests any JSON value ({@code test}), such as a whole name before removing it.
         *
         * @param path the JSON Pointer
         * @param json the expected value as JSON text
         * @return this builder
         * @throws NhsValidationException when the text is not JSON
         */
        public Builder testJson(String path, String json) {
            return op("test", path, json(json));
        }

        /**
         * Removes a value ({@code remove}). A whole list item must be immediately preceded by a
         * {@link #test}; prefer {@link #removeListItem} and {@link #removeExtension}.
         *
         * @param path the JSON Pointer
         * @return this builder
         */
        public Builder remove(String path) {
            return op("remove", path, null);
        }

        /**
         * Removes a list item safely: {@code test /<list>/<index>/id} then
         * {@code remove /<list>/<index>}.
         *
         * @param list the list, such as {@code name}, {@code address} or {@code telecom}
         * @param index the item's position in the retrieved record
         * @param id the item's id, as retrieved
         * @return this builder
         */
        public Builder removeListItem(String list, int index, String id) {
            Objects.requireNonNull(list, "list");
            if (!PatchRules.LISTS.contains(list) || "extension".equals(list)) {
                throw new NhsValidationException("patch.path", "not a Patient list with item ids");
            }
            String item = "/" + list + "/" + index(index);
            return test(item + "/id", Objects.requireNonNull(id, "id")).remove(item);
        }

        /**
         * Removes an extension safely: {@code test /extension/<index>/url} then
         * {@code remove /extension/<index>}.
         *
         * @param index the extension's position in the retrieved record
         * @param url the extension's URL, as retrieved
         * @return this builder
         */
        public Builder removeExtension(int index, String url) {
            String item = "/extension/" + index(index);
            return test(item + "/url", Objects.requireNonNull(url, "url")).remove(item);
        }

        private static int index(int index) {
            if (index < 0) {
                throw new NhsValidationException("patch.path", "a list index is zero or more");
            }
            return index;
        }

        /**
         * Checks the rules and builds the patch.
         *
         * @return the patch
         * @throws NhsValidationException naming the first rule broken
         */
        public PatientPatch build() {
            PatchRules.check(operations);
            return new PatientPatch(operations);
        }
    }
}
