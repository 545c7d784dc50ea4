package uk.nhs.sdk.core.fhir;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A FHIR {@code CodeableConcept}: codings plus optional text.
 */
public final class CodeableConcept {
    private final List<Coding> coding;
    private final String text;

    @JsonCreator
    private CodeableConcept(@JsonProperty("coding") List<Coding> coding, @JsonProperty("text") String text) {
        this.coding = coding == null ? List.of() : List.copyOf(coding);
        this.text = text;
    }

    /**
     * Creates a concept.
     *
     * @param coding the codings
     * @param text the text, or {@code null}
     * @return the concept
     */
    public static CodeableConcept of(List<Coding> coding, String text) {
        return new CodeableConcept(coding, text);
    }

    /**
     * The codings.
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<Coding> coding() {
        return coding;
    }

    /**
     * The text.
     *
     * @return the text
     */
    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    /**
     * The first coding's code.
     *
     * @return the code, if any coding has one
     */
    public Optional<String> firstCode() {
        return coding.stream().map(Coding::code).flatMap(Optional::stream).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodeableConcept
                && ((CodeableConcept) o).coding.equals(coding)
                && Objects.equals(((CodeableConcept) o).text, text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(coding, text);
    }

    @Override
    public String toString() {
        return "CodeableConcept" + coding;
    }
}
