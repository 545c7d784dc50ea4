package uk.nhs.sdk.records.nrl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import uk.nhs.sdk.core.fhir.Identifier;
import uk.nhs.sdk.records.nrl.internal.NrlJson;
import uk.nhs.sdk.records.nrl.internal.NrlJson.InvalidJson;

/**
 * Reads and writes a {@link DocumentReference}'s JSON. Package private.
 */
final class PointerJson {
    private PointerJson() {}

    /** Reads a pointer as NRL sends it: lenient about everything but its resource type and type. */
    static DocumentReference read(JsonNode node) {
        if (!"DocumentReference".equals(NrlJson.text(node, "resourceType").orElse(""))) {
            throw new InvalidJson("the resource is not a DocumentReference");
        }
        PointerFields f = new PointerFields((ObjectNode) node.deepCopy());
        f.id = NrlJson.text(node, "id").orElse(null);
        f.status = NrlJson.text(node, "status").orElse("");
        f.docStatus = NrlJson.text(node, "docStatus").orElse(null);
        JsonNode typeCoding = NrlJson.object(node, "type")
                .flatMap(PointerJson::firstCoding)
                .orElseThrow(() -> new InvalidJson("a DocumentReference has no type coding"));
        f.type = PointerType.read(
                system(typeCoding),
                NrlJson.text(typeCoding, "code").orElse(""),
                NrlJson.text(typeCoding, "display").orElse(null));
        for (JsonNode category : NrlJson.objects(node, "category")) {
            firstCoding(category)
                    .ifPresent(c -> f.categories.add(PointerCategory.read(
                            system(c),
                            NrlJson.text(c, "code").orElse(""),
                            NrlJson.text(c, "display").orElse(null))));
        }
        f.subjectValue = identifierValue(node.get("subject")).orElse(null);
        f.custodian = identifierValue(node.get("custodian")).orElse(null);
        for (JsonNode author : NrlJson.objects(node, "author")) {
            identifierValue(author).ifPresent(f.authors::add);
        }
        f.date = NrlJson.text(node, "date").orElse(null);
        f.description = NrlJson.text(node, "description").orElse(null);
        for (JsonNode c : NrlJson.objects(node, "content")) {
            f.content.add(PointerContent.read(c));
        }
        f.context = NrlJson.object(node, "context").map(PointerContext::read).orElse(null);
        for (JsonNode r : NrlJson.objects(node, "relatesTo")) {
            String target =
                    NrlJson.object(r, "target").flatMap(t -> identifierValue(t)).orElse("");
            f.relatesTo.add(RelatesTo.read(NrlJson.text(r, "code").orElse(""), target));
        }
        return new DocumentReference(f);
    }

    private static Optional<JsonNode> firstCoding(JsonNode concept) {
        return NrlJson.objects(concept, "coding").stream().findFirst();
    }

    private static String system(JsonNode coding) {
        return NrlJson.text(coding, "system").orElse("");
    }

    private static Optional<String> identifierValue(JsonNode reference) {
        return NrlJson.object(reference, "identifier").flatMap(i -> NrlJson.text(i, "value"));
    }

    /** The pointer's JSON: the modelled fields written over every field it came with. */
    static ObjectNode write(DocumentReference d) {
        ObjectNode n = d.raw.deepCopy();
        n.put("resourceType", "DocumentReference");
        if (d.id != null) {
            n.put("id", d.id);
        }
        n.put("status", d.status);
        if (d.docStatus != null) {
            n.put("docStatus", d.docStatus);
        }
        if (d.type != null) {
            coding(
                    n.putObject("type").putArray("coding").addObject(),
                    d.type.system(),
                    d.type.code(),
                    d.type.display().orElse(null));
        }
        ArrayNode categories = n.putArray("category");
        for (PointerCategory c : d.categories) {
            coding(
                    categories.addObject().putArray("coding").addObject(),
                    c.system(),
                    c.code(),
                    c.display().orElse(null));
        }
        if (d.subjectValue != null) {
            identifier(n.putObject("subject"), Identifier.NHS_NUMBER_SYSTEM, d.subjectValue);
        }
        if (d.date != null) {
            n.put("date", d.date);
        }
        ArrayNode authors = n.putArray("author");
        d.authors.forEach(a -> identifier(authors.addObject(), Identifier.ODS_CODE_SYSTEM, a));
        if (d.custodian != null) {
            identifier(n.putObject("custodian"), Identifier.ODS_CODE_SYSTEM, d.custodian);
        }
        if (d.description != null) {
            n.put("description", d.description);
        }
        if (d.relatesTo.isEmpty()) {
            n.remove("relatesTo");
        } else {
            ArrayNode relations = n.putArray("relatesTo");
            for (RelatesTo r : d.relatesTo) {
                ObjectNode rel = relations.addObject();
                rel.put("code", r.code());
                ObjectNode target = rel.putObject("target");
                target.put("type", "DocumentReference");
                target.putObject("identifier").put("value", r.targetId());
            }
        }
        ArrayNode content = n.putArray("content");
        d.content.forEach(c -> content.add(c.toJson()));
        if (d.context != null) {
            n.set("context", d.context.toJson());
        }
        return n;
    }

    private static void coding(ObjectNode c, String system, String code, String display) {
        c.put("system", system);
        c.put("code", code);
        if (display != null) {
            c.put("display", display);
        }
    }

    private static void identifier(ObjectNode reference, String system, String value) {
        ObjectNode id = reference.putObject("identifier");
        id.put("system", system);
        id.put("value", value);
    }
}
