package uk.nhs.sdk.records.nrl;

import java.util.Objects;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * NRL's rules for ids, dates and content, checked before any call. Package private.
 */
final class PointerRules {
    static final String DATE_TIME = "([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])"
            + "(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?"
            + "(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?";

    private PointerRules() {}

    static String checkId(String field, String value) {
        Objects.requireNonNull(value, field);
        if (!value.matches(DocumentReference.ID_PATTERN) || value.equals(".") || value.equals("..")) {
            throw new NhsValidationException(
                    field,
                    "must be 1 to 64 letters, digits, '-' or '.' (NRL's id pattern " + DocumentReference.ID_PATTERN
                            + "), and not '.' or '..'");
        }
        return value;
    }

    static String checkDateTime(String field, String value) {
        Objects.requireNonNull(value, field);
        if (!value.matches(DATE_TIME)) {
            throw new NhsValidationException(field, "must be a FHIR dateTime, such as 2022-12-20T09:45:41+00:00");
        }
        return value;
    }

    /**
     * Refuses a pointer NRL would not accept in a create or update: the builder's rules, checked
     * again on every write because a pointer can also come from {@link DocumentReference#fromJson}
     * or a read, which keep whatever they were given.
     */
    static DocumentReference checkWritable(DocumentReference d) {
        require(d.type != null, "type");
        require(!d.categories.isEmpty(), "category");
        require(d.subjectValue != null && NhsNumber.isValid(d.subjectValue), "subject");
        require(d.custodian != null, "custodian");
        require(d.custodianOdsCode().isPresent(), "custodian", "must be an ODS code");
        require(!d.authors.isEmpty(), "author");
        require(!d.content.isEmpty(), "content");
        require(d.context != null && d.context.practiceSetting().isPresent(), "context.practiceSetting");
        require(
                DocumentReference.STATUS_CURRENT.equals(d.status),
                "status",
                "must be " + DocumentReference.STATUS_CURRENT + ", the only status NRL holds");
        d.content.forEach(PointerRules::checkContent);
        if (d.content.stream().anyMatch(PointerContent::isSsp)
                && d.context.relatedAsid().isEmpty()) {
            throw new NhsValidationException(
                    "context.related",
                    "the Spine ASID is required when a record is retrieved through the Spine Secure Proxy");
        }
        if (d.id != null) {
            checkId("id", d.id);
        }
        for (RelatesTo r : d.relatesTo) {
            if (RelatesTo.REPLACES.equals(r.code())) {
                checkId("relatesTo.target", r.targetId());
            }
        }
        return d;
    }

    private static void require(boolean present, String field) {
        require(present, field, "is required by NRL");
    }

    private static void require(boolean ok, String field, String rule) {
        if (!ok) {
            throw new NhsValidationException(field, rule);
        }
    }

    static void checkContent(PointerContent c) {
        if (c.url().isEmpty()) {
            throw new NhsValidationException("content.attachment.url", "is required by NRL");
        }
        if (c.contentType().isEmpty()) {
            throw new NhsValidationException("content.attachment.contentType", "is required by NRL");
        }
        if (c.format().isEmpty()) {
            throw new NhsValidationException("content.format", "is required by NRL");
        }
        if (c.stability().isEmpty()) {
            throw new NhsValidationException(
                    "content.extension", "the content-stability extension (static or dynamic) is required by NRL");
        }
        boolean sspUrl = c.url().get().regionMatches(true, 0, "ssp://", 0, 6);
        if (c.retrievalMechanism().filter(RetrievalMechanism.SSP::equals).isPresent() && !sspUrl) {
            throw new NhsValidationException(
                    "content.attachment.url",
                    "must start ssp:// when the record is retrieved through the Spine Secure Proxy");
        }
    }

    /**
     * Refuses an update that changes a field NRL keeps fixed: id, subject, custodian, type,
     * masterIdentifier and date.
     */
    static void checkImmutables(DocumentReference original, DocumentReference updated) {
        same("id", original.id, updated.id);
        same("subject", original.subjectValue, updated.subjectValue);
        same("custodian", original.custodian, updated.custodian);
        same(
                "type",
                original.type == null ? null : original.type.token(),
                updated.type == null ? null : updated.type.token());
        same(
                "masterIdentifier",
                String.valueOf(original.raw.get("masterIdentifier")),
                String.valueOf(updated.raw.get("masterIdentifier")));
        same("date", original.date, updated.date);
    }

    private static void same(String field, String before, String after) {
        if (!Objects.equals(before, after)) {
            throw new NhsValidationException(
                    field,
                    "cannot be changed by an update (NRL keeps id, subject, "
                            + "custodian, type, masterIdentifier and date as created); supersede the pointer instead");
        }
    }
}
