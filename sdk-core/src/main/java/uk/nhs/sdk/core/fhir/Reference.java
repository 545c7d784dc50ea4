package uk.nhs.sdk.core.fhir;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;

/**
 * A FHIR {@code Reference} to another resource, by URL, by logical identifier, or both.
 * Its {@code toString()} prints only the type.
 */
public final class Reference {
    private final String reference;
    private final String type;
    private final Identifier identifier;
    private final String display;

    @JsonCreator
    private Reference(
            @JsonProperty("reference") String reference,
            @JsonProperty("type") String type,
            @JsonProperty("identifier") Identifier identifier,
            @JsonProperty("display") String display) {
        this.reference = reference;
        this.type = type;
        this.identifier = identifier;
        this.display = display;
    }

    /**
     * Creates a reference.
     *
     * @param reference the literal reference, or {@code null}
     * @param type the resource type, or {@code null}
     * @param identifier the logical identifier, or {@code null}
     * @param display the display text, or {@code null}
     * @return the reference
     */
    public static Reference of(String reference, String type, Identifier identifier, String display) {
        return new Reference(reference, type, identifier, display);
    }

    /**
     * The literal reference (relative or absolute URL).
     *
     * @return the reference
     */
    public Optional<String> reference() {
        return Optional.ofNullable(reference);
    }

    /**
     * The resource type referred to.
     *
     * @return the type
     */
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    /**
     * The logical identifier of the target.
     *
     * @return the identifier
     */
    public Optional<Identifier> identifier() {
        return Optional.ofNullable(identifier);
    }

    /**
     * The display text.
     *
     * @return the display
     */
    public Optional<String> display() {
        return Optional.ofNullable(display);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Reference)) {
            return false;
        }
        Reference r = (Reference) o;
        return Objects.equals(reference, r.reference)
                && Objects.equals(type, r.type)
                && Objects.equals(identifier, r.identifier)
                && Objects.equals(display, r.display);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reference, type, identifier, display);
    }

    @Override
    public String toString() {
        return "Reference[type=" + type + "]";
    }
}
