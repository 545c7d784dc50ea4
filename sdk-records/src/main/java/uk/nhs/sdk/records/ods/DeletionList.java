package uk.nhs.sdk.records.ods;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * One of the ODS deletion lists ({@code GET /List/{id}}): records removed from ODS without an end
 * date, for local copies to delete.
 */
public final class DeletionList {
    /**
     * The four deletion lists.
     */
    public enum Kind {
        /** Whole organisation records deleted: remove them from a local copy. */
        ORGANIZATION("Organization-deletion"),
        /** Relationships deleted (their relationship instance ids). */
        ORGANIZATION_AFFILIATION("OrganizationAffiliation-deletion"),
        /** Roles deleted from organisations (their role instance ids). */
        ORGANIZATION_ROLE("Organization-role-deletion"),
        /** Successions removed. */
        ORGANIZATION_SUCCESSION("Organization-succession-deletion");

        private final String listId;

        Kind(String listId) {
            this.listId = listId;
        }

        /**
         * The List's id on the API.
         *
         * @return for example {@code Organization-deletion}
         */
        public String listId() {
            return listId;
        }
    }

    /**
     * One deleted record.
     */
    public static final class Entry {
        private final String value;
        private final LocalDate date;

        Entry(String value, LocalDate date) {
            this.value = value;
            this.date = date;
        }

        /**
         * The deleted record's identifier value: an ODS code for
         * {@link Kind#ORGANIZATION}, an instance id for the others.
         *
         * @return the value
         */
        public String value() {
            return value;
        }

        /**
         * The value as an ODS code, when it is one.
         *
         * @return the code
         */
        public Optional<OdsCode> odsCode() {
            try {
                return Optional.of(OdsCode.of(value));
            } catch (NhsValidationException e) {
                return Optional.empty();
            }
        }

        /**
         * When the deletion happened.
         *
         * @return the date
         */
        public Optional<LocalDate> date() {
            return Optional.ofNullable(date);
        }

        @Override
        public String toString() {
            return value + (date == null ? "" : " deleted " + date);
        }
    }

    private final Kind kind;
    private final List<Entry> entries;

    DeletionList(Kind kind, List<Entry> entries) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.entries = List.copyOf(entries);
    }

    /**
     * Which list this is.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The deleted records.
     *
     * @return an unmodifiable list
     */
    public List<Entry> entries() {
        return entries;
    }

    @Override
    public String toString() {
        return "DeletionList[" + kind.listId() + ", " + entries.size() + " entries]";
    }
}
