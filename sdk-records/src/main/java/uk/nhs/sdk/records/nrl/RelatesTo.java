package uk.nhs.sdk.records.nrl;

import java.util.Objects;

/**
 * A pointer's relation to another ({@code DocumentReference.relatesTo[]}): NRL uses the code
 * {@code replaces} to supersede pointers, naming each by its id.
 */
public final class RelatesTo {
    /** The code that supersedes a pointer. */
    public static final String REPLACES = "replaces";

    private final String code;
    private final String targetId;

    private RelatesTo(String code, String targetId) {
        this.code = code;
        this.targetId = targetId;
    }

    /**
     * A relation that supersedes a pointer.
     *
     * @param pointerId the id of the pointer to replace
     * @return the relation
     * @throws uk.nhs.sdk.core.error.NhsValidationException when the id breaks NRL's id pattern
     */
    public static RelatesTo replaces(String pointerId) {
        return new RelatesTo(REPLACES, PointerRules.checkId("relatesTo.target", pointerId));
    }

    static RelatesTo read(String code, String targetId) {
        return new RelatesTo(code, targetId);
    }

    /**
     * The relation's code.
     *
     * @return for example {@value #REPLACES}
     */
    public String code() {
        return code;
    }

    /**
     * The id of the related pointer ({@code target.identifier.value}).
     *
     * @return the id, possibly empty when the target named none
     */
    public String targetId() {
        return targetId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RelatesTo && ((RelatesTo) o).code.equals(code) && ((RelatesTo) o).targetId.equals(targetId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, targetId);
    }

    @Override
    public String toString() {
        return code + " " + targetId;
    }
}
