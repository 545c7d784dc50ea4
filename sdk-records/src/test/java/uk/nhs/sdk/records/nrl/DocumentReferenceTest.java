package uk.nhs.sdk.records.nrl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.NhsValidationException;

/** The pointer builder refuses, before any call, what NRL's producer rules refuse. */
class DocumentReferenceTest {
    private static final NhsNumber PATIENT = NhsNumber.parse("9000000017");
    private static final OdsCode ODS = OdsCode.of("Y05868");

    private static PointerContent.Builder pdf() {
        return PointerContent.builder()
                .url("ssp://provider.example.nhs.uk/plan.pdf")
                .contentType("application/pdf")
                .format(ContentFormat.UNSTRUCTURED)
                .stability(ContentStability.STATIC)
                .retrievalMechanism(RetrievalMechanism.SSP);
    }

    private static DocumentReference.Builder complete() {
        return DocumentReference.builder()
                .type(PointerType.MENTAL_HEALTH_CRISIS_PLAN)
                .category(PointerCategory.CARE_PLAN)
                .subject(PATIENT)
                .custodian(ODS)
                .author(ODS)
                .content(pdf().build())
                .context(PointerContext.builder()
                        .practiceSetting("788002001", "Adult mental health service")
                        .relatedAsid("200000000610")
                        .build());
    }

    static Stream<Arguments> missing() {
        return Stream.of(
                Arguments.of("type", (UnaryOperator<DocumentReference.Builder>) b -> DocumentReference.builder()
                        .category(PointerCategory.CARE_PLAN)
                        .subject(PATIENT)
                        .custodian(ODS)
                        .author(ODS)),
                Arguments.of("category", (UnaryOperator<DocumentReference.Builder>)
                        DocumentReference.Builder::clearCategories),
                Arguments.of(
                        "content", (UnaryOperator<DocumentReference.Builder>) DocumentReference.Builder::clearContent),
                Arguments.of("subject", (UnaryOperator<DocumentReference.Builder>) b -> DocumentReference.builder()
                        .type(PointerType.MENTAL_HEALTH_CRISIS_PLAN)
                        .category(PointerCategory.CARE_PLAN)),
                Arguments.of("custodian", (UnaryOperator<DocumentReference.Builder>) b -> DocumentReference.builder()
                        .type(PointerType.MENTAL_HEALTH_CRISIS_PLAN)
                        .category(PointerCategory.CARE_PLAN)
                        .subject(PATIENT)),
                Arguments.of("author", (UnaryOperator<DocumentReference.Builder>) b -> DocumentReference.builder()
                        .type(PointerType.MENTAL_HEALTH_CRISIS_PLAN)
                        .category(PointerCategory.CARE_PLAN)
                        .subject(PATIENT)
                        .custodian(ODS)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missing")
    void aPointerMissingARequiredFieldIsRefusedNamingIt(String field, UnaryOperator<DocumentReference.Builder> change) {
        assertThatThrownBy(() -> change.apply(complete()).build())
                .isInstanceOf(NhsValidationException.class)
                .hasMessage(field + ": is required by NRL");
    }

    @Test
    void theContextNeedsAPracticeSettingAndAnAsidForTheSpineSecureProxy() {
        assertThatThrownBy(() ->
                        PointerContext.builder().relatedAsid("200000000610").build())
                .hasMessageStartingWith("context.practiceSetting:");
        assertThatThrownBy(() -> complete()
                        .context(PointerContext.builder()
                                .practiceSetting("788002001", "Adult mental health service")
                                .build())
                        .build())
                .isInstanceOf(NhsValidationException.class)
                .hasMessageStartingWith("context.related:")
                .hasMessageContaining("ASID");
        assertThatThrownBy(() -> PointerContext.builder().relatedAsid("ASID-1")).hasMessageContaining("digits");
        DocumentReference direct = complete()
                .clearContent()
                .content(PointerContent.builder()
                        .url("https://provider.example.nhs.uk/contact")
                        .contentType("text/html")
                        .format(ContentFormat.RECORD_CONTACT)
                        .stability(ContentStability.DYNAMIC)
                        .retrievalMechanism(RetrievalMechanism.DIRECT)
                        .build())
                .context(PointerContext.builder()
                        .practiceSetting("788002001", "Adult mental health service")
                        .build())
                .build();
        assertThat(direct.content()).hasSize(1);
    }

    @Test
    void contentFollowsNrlsRules() {
        assertThatThrownBy(() ->
                        pdf().url("https://provider.example.nhs.uk/plan.pdf").build())
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("must start ssp://");
        assertThatThrownBy(() -> PointerContent.builder()
                        .url("ssp://x/y")
                        .contentType("application/pdf")
                        .format(ContentFormat.UNSTRUCTURED)
                        .build())
                .hasMessageContaining("content-stability extension");
        assertThatThrownBy(() -> PointerContent.builder()
                        .url("ssp://x/y")
                        .contentType("application/pdf")
                        .stability(ContentStability.STATIC)
                        .build())
                .hasMessageStartingWith("content.format:");
        assertThatThrownBy(() -> PointerContent.builder()
                        .url("ssp://x/y")
                        .format(ContentFormat.UNSTRUCTURED)
                        .stability(ContentStability.STATIC)
                        .build())
                .hasMessageStartingWith("content.attachment.contentType:");
        assertThatThrownBy(() -> pdf().contentType("pdf")).hasMessageContaining("MIME type");
        assertThatThrownBy(() -> pdf().url("not a url")).hasMessageContaining("absolute URL");
        assertThatThrownBy(() -> pdf().creation("20th December")).hasMessageContaining("FHIR dateTime");
    }

    @Test
    void codesAreSnomedConceptIdsAndUnknownOnesAreKept() {
        assertThat(PointerType.of("736253002")).isSameAs(PointerType.MENTAL_HEALTH_CRISIS_PLAN);
        PointerType newer = PointerType.of("736253001");
        assertThat(newer.isKnown()).isFalse();
        assertThat(newer.token()).isEqualTo("http://snomed.info/sct|736253001");
        assertThat(PointerCategory.of("1102421000000108")).isSameAs(PointerCategory.OBSERVATIONS);
        assertThat(PointerType.known()).hasSize(14);
        assertThat(PointerCategory.known()).hasSize(7);
        for (String bad : new String[] {"", "abc", "12345", "0123456", "1234567890123456789"}) {
            assertThatThrownBy(() -> PointerType.of(bad))
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageContaining("SNOMED CT concept id");
            assertThatThrownBy(() -> PointerCategory.of(bad)).isInstanceOf(NhsValidationException.class);
        }
        assertThatThrownBy(() -> PointerContext.builder().practiceSetting("x", "y"))
                .hasMessageContaining("SNOMED");
    }

    @Test
    void idsFollowNrlsPattern() {
        assertThat(complete().id("Y05868-1234567892").build().id()).contains("Y05868-1234567892");
        assertThatThrownBy(() -> complete().id("Y05868/1")).hasMessageContaining("NRL's id pattern");
        assertThatThrownBy(() -> complete().replaces("x".repeat(65))).hasMessageStartingWith("relatesTo.target:");
        assertThatThrownBy(() -> complete().docStatus("draft")).hasMessageStartingWith("docStatus:");
    }

    @Test
    void aBuiltPointerRoundTripsThroughJsonAndShowsNoPatientDataInToString() {
        DocumentReference p =
                complete().description("Crisis plan").replaces("Y05868-1").build();

        DocumentReference back = DocumentReference.fromJson(p.rawJson());

        assertThat(back.type()).isEqualTo(p.type());
        assertThat(back.subject()).contains(PATIENT);
        assertThat(back.relatesTo()).containsExactly(RelatesTo.replaces("Y05868-1"));
        assertThat(back.content().get(0).retrievalMechanism()).contains(RetrievalMechanism.SSP);
        assertThat(back.context().flatMap(PointerContext::relatedAsid)).contains("200000000610");
        assertThat(p.toString() + back + back.content() + back.context().orElseThrow())
                .doesNotContain("9000000017")
                .doesNotContain("ssp://");
        assertThatThrownBy(() -> DocumentReference.fromJson("{\"resourceType\":\"Patient\"}"))
                .isInstanceOf(NhsValidationException.class);
    }
}
