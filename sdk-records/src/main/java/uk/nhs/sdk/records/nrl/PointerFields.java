package uk.nhs.sdk.records.nrl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The mutable fields a builder fills; also the decoder's. */
final class PointerFields {
    final ObjectNode raw;
    String id;
    String status = DocumentReference.STATUS_CURRENT;
    String docStatus;
    PointerType type;
    List<PointerCategory> categories = new ArrayList<>();
    String subjectValue;
    String custodian;
    List<String> authors = new ArrayList<>();
    String date;
    String description;
    List<PointerContent> content = new ArrayList<>();
    PointerContext context;
    List<RelatesTo> relatesTo = new ArrayList<>();

    PointerFields(ObjectNode raw) {
        this.raw = raw;
    }

    PointerFields(DocumentReference d) {
        this.raw = d.raw.deepCopy();
        this.id = d.id;
        this.status = d.status;
        this.docStatus = d.docStatus;
        this.type = d.type;
        this.categories = new ArrayList<>(d.categories);
        this.subjectValue = d.subjectValue;
        this.custodian = d.custodian;
        this.authors = new ArrayList<>(d.authors);
        this.date = d.date;
        this.description = d.description;
        this.content = new ArrayList<>(d.content);
        this.context = d.context;
        this.relatesTo = new ArrayList<>(d.relatesTo);
    }
}
