package uk.nhs.sdk.identity.pds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.error.NhsValidationException;

/** The patch builder reproduces each official JSON Patch example exactly and refuses what PDS would. */
class PatientPatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode example(String name) throws Exception {
        return JSON.readTree(PdsTestData.text("patch-requests/" + name + ".json"));
    }

    private static JsonNode json(PatientPatch patch) throws Exception {
        return JSON.readTree(patch.toJson());
    }

    private static NhsValidationException refused(Supplier<PatientPatch> patch) {
        NhsValidationException e = catchThrowableOfType(NhsValidationException.class, patch::get);
        assertThat(e).as("the patch should be refused").isNotNull();
        return e;
    }

    @Test
    void addName() throws Exception {
        PatientName name = PatientName.builder()
                .use(NameUse.OLD)
                .period(Period.starting(LocalDate.of(2019, 12, 31)))
                .prefix("Dr")
                .given("Joe", "Horation", "Maximus")
                .family("Bloggs")
                .suffix("PhD")
                .build();
        assertThat(json(PatientPatch.builder().addName(name).build())).isEqualTo(example("add-name"));
    }

    @Test
    void addDeceasedDateTime() throws Exception {
        assertThat(json(PatientPatch.builder()
                        .add("/deceasedDateTime", "2010-10-22T00:00:00+00:00")
                        .build()))
                .isEqualTo(example("add-deceased-date-time"));
    }

    @Test
    void addExtension() throws Exception {
        String pharmacy =
                example("add-extension").get("patches").get(0).get("value").toString();
        assertThat(json(PatientPatch.builder().addJson("/extension/-", pharmacy).build()))
                .isEqualTo(example("add-extension"));
    }

    @Test
    void updateGender() throws Exception {
        assertThat(json(PatientPatch.builder().replace("/gender", "male").build()))
                .isEqualTo(example("update-gender"));
    }

    @Test
    void updateAddressParts() throws Exception {
        PatientPatch p = PatientPatch.builder()
                .replace("/address/0/id", "456")
                .replace("/address/0/line/0", "2 Whitehall Quay")
                .replace("/address/0/postalCode", "LS1 4BU")
                .build();
        assertThat(json(p)).isEqualTo(example("update-address"));
    }

    @Test
    void updateWholeAddress() throws Exception {
        Address a = Address.builder()
                .id("456")
                .period(Period.between(LocalDate.of(2020, 1, 1), LocalDate.of(2021, 12, 31)))
                .use(AddressUse.HOME)
                .line("2 Whitehall Quay", "Leeds", "West Yorkshire")
                .postalCode("LS1 4BU")
                .pafKey("9876543")
                .build();
        assertThat(json(PatientPatch.builder().replaceAddress(0, a).build()))
                .isEqualTo(example("update-address-alternative"));
    }

    @Test
    void replaceTelecomCarriesTheEntrysId() throws Exception {
        ContactPoint work = ContactPoint.builder(ContactSystem.PHONE, "01632960587")
                .id("789")
                .use(ContactUse.WORK)
                .build();
        JsonNode op = json(PatientPatch.builder().replaceTelecom(0, work).build())
                .get("patches")
                .get(0);

        assertThat(op.get("op").asText()).isEqualTo("replace");
        assertThat(op.get("path").asText()).isEqualTo("/telecom/0");
        assertThat(op.get("value").get("id").asText()).isEqualTo("789");
        assertThat(op.get("value").get("system").asText()).isEqualTo("phone");
        refused(() -> PatientPatch.builder()
                .replaceTelecom(
                        0,
                        ContactPoint.builder(ContactSystem.PHONE, "01632960587").build())
                .build());
    }

    @Test
    void updateExtension() throws Exception {
        String status =
                example("update-extension").get("patches").get(0).get("value").toString();
        assertThat(json(PatientPatch.builder()
                        .replaceJson("/extension/3", status)
                        .build()))
                .isEqualTo(example("update-extension"));
    }

    @Test
    void deleteGenderIsTheOneExamplePdsRejects() {
        // patient-patch.yaml: "although the patch is perfectly valid, the update is still rejected as a
        // patients gender cannot be removed"; the builder refuses it before any call.
        assertThat(refused(() -> PatientPatch.builder().remove("/gender").build())
                        .getMessage())
                .contains("/gender cannot be removed");
    }

    @Test
    void genderBirthDateAndDeathDateAreNeverRemovedAndGenderIsNeverSetToOther() {
        refused(() -> PatientPatch.builder().remove("/birthDate").build());
        refused(() -> PatientPatch.builder().remove("/deceasedDateTime").build());
        NhsValidationException other =
                refused(() -> PatientPatch.builder().replace("/gender", "other").build());
        assertThat(other.field()).isEqualTo("patch.value");
        assertThat(other.getMessage()).contains("male, female or unknown");
        refused(() -> PatientPatch.builder().add("/gender", "other").build());
        refused(() -> PatientPatch.builder()
                .replaceJson("/gender", "{\"code\":\"male\"}")
                .build());
        assertThat(PatientPatch.builder().replace("/gender", "unknown").build().size())
                .isEqualTo(1);
        assertThat(PatientPatch.builder()
                        .test("/gender", "other")
                        .replace("/gender", "female")
                        .build()
                        .size())
                .isEqualTo(2);
    }

    @Test
    void deleteNameByIdTestsThenRemoves() throws Exception {
        assertThat(json(PatientPatch.builder().removeListItem("name", 0, "123").build()))
                .isEqualTo(example("delete-name"));
    }

    @Test
    void deleteNameByWholeObject() throws Exception {
        String name = example("delete-name-alternative")
                .get("patches")
                .get(0)
                .get("value")
                .toString();
        assertThat(json(PatientPatch.builder()
                        .testJson("/name/0", name)
                        .remove("/name/0")
                        .build()))
                .isEqualTo(example("delete-name-alternative"));
    }

    @Test
    void deleteExtensionByUrl() throws Exception {
        PatientPatch p = PatientPatch.builder()
                .removeExtension(
                        1,
                        "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-PreferredDispenserOrganization")
                .build();
        assertThat(json(p)).isEqualTo(example("delete-extension"));
    }

    @Test
    void theBodyIsAnObjectWithPatchesNotABareArray() throws Exception {
        JsonNode body = json(PatientPatch.builder().replace("/gender", "male").build());
        assertThat(body.isObject()).isTrue();
        assertThat(body.get("patches").isArray()).isTrue();
    }

    @Test
    void aNewListItemIsAddedAtDash() {
        NhsValidationException e = refused(() -> PatientPatch.builder()
                .addJson("/name/0", "{\"family\":\"Bloggs\"}")
                .build());
        assertThat(e.getMessage()).contains("index '-'");
        refused(() -> PatientPatch.builder()
                .addJson("/name/-", "{\"id\":\"9\",\"family\":\"Bloggs\"}")
                .build());
    }

    @Test
    void removingAListItemNeedsATestImmediatelyBefore() {
        assertThat(refused(() -> PatientPatch.builder().remove("/name/0").build())
                        .getMessage())
                .contains("immediately preceded by a test");
        refused(() -> PatientPatch.builder()
                .test("/name/0/id", "123")
                .replace("/gender", "male")
                .remove("/name/0")
                .build());
        refused(() -> PatientPatch.builder()
                .test("/name/1/id", "123")
                .remove("/name/0")
                .build());
        // the spec's example 1: two removals at the same index, each tested
        PatientPatch ok = PatientPatch.builder()
                .removeListItem("name", 1, "3")
                .removeListItem("name", 1, "4")
                .build();
        assertThat(ok.size()).isEqualTo(4);
    }

    @Test
    void replacingAWholeItemCarriesItsId() {
        PatientName noId =
                PatientName.builder().use(NameUse.USUAL).family("Bloggs").build();
        assertThat(refused(() -> PatientPatch.builder().replaceName(0, noId).build())
                        .getMessage())
                .contains("its id");
        PatientName withId = PatientName.builder()
                .id("123")
                .use(NameUse.USUAL)
                .family("Bloggs")
                .build();
        assertThat(PatientPatch.builder().replaceName(0, withId).build().size()).isEqualTo(1);
        refused(() -> PatientPatch.builder().addName(withId).build());
    }

    @Test
    void changingPartOfAnItemNeedsItsIdFirst() {
        NhsValidationException e = refused(() -> PatientPatch.builder()
                .replace("/address/0/postalCode", "LS1 4BU")
                .build());
        assertThat(e.getMessage()).contains("/address/0/id");
        PatientPatch.builder()
                .add("/name/0/id", "8F8B957D")
                .add("/name/0/given/0", "Rose")
                .build();
    }

    @Test
    void anEmptyPatchOrABadPointerIsRefused() {
        assertThat(refused(() -> PatientPatch.builder().build()).getMessage()).contains("at least one operation");
        refused(() -> PatientPatch.builder().replace("gender", "male").build());
        refused(() ->
                PatientPatch.builder().addJson("/extension/-", "{not json").build());
        refused(() -> PatientPatch.builder().removeListItem("name", -1, "1").build());
    }

    @Test
    void toStringShowsOperationsAndPathsOnly() {
        PatientPatch p = PatientPatch.builder()
                .addName(PatientName.builder().family("Bloggs").build())
                .replace("/gender", "female")
                .build();
        assertThat(p.toString()).isEqualTo("PatientPatch[add /name/-, replace /gender]");
        assertThat(p.toJson()).contains("Bloggs");
    }

    @Test
    void nameRulesAreCheckedWhenBuilt() {
        assertThat(catchThrowableOfType(
                                NhsValidationException.class,
                                () -> PatientName.builder().family("Sm!th").build())
                        .getMessage())
                .doesNotContain("Sm!th");
        assertThat(catchThrowableOfType(
                                NhsValidationException.class,
                                () -> PatientName.builder()
                                        .family("Smith")
                                        .suffix("phd")
                                        .build())
                        .field())
                .isEqualTo("name.suffix");
        assertThat(PatientName.builder()
                        .family("O'Brien-Ågren")
                        .given("Zoë")
                        .build()
                        .family())
                .contains("O'Brien-Ågren");
        assertThat(catchThrowableOfType(
                        NhsValidationException.class,
                        () -> PatientName.builder().build()))
                .isNotNull();
    }

    @Test
    void usesAndSystemsOutsidePdssCodeSetsAreRefused() {
        assertThat(catchThrowableOfType(
                                NhsValidationException.class,
                                () -> PatientName.builder()
                                        .use(NameUse.OFFICIAL)
                                        .family("Smith")
                                        .build())
                        .field())
                .isEqualTo("name.use");
        assertThat(catchThrowableOfType(
                                NhsValidationException.class,
                                () -> PatientName.builder()
                                        .use(NameUse.ANONYMOUS)
                                        .family("Smith")
                                        .build())
                        .field())
                .isEqualTo("name.use");
        assertThat(catchThrowableOfType(
                                NhsValidationException.class,
                                () -> ContactPoint.builder(ContactSystem.SMS, "07700900000")
                                        .build())
                        .field())
                .isEqualTo("telecom.system");
        assertThat(catchThrowableOfType(
                                NhsValidationException.class,
                                () -> ContactPoint.builder(ContactSystem.PHONE, "01632960587")
                                        .use(ContactUse.OLD)
                                        .build())
                        .field())
                .isEqualTo("telecom.use");
        assertThat(catchThrowableOfType(
                                NhsValidationException.class,
                                () -> Address.builder()
                                        .use(AddressUse.OLD)
                                        .line("1 Road")
                                        .build())
                        .field())
                .isEqualTo("address.use");
        assertThat(PatientName.builder()
                        .use(NameUse.MAIDEN)
                        .family("Smith")
                        .build()
                        .use())
                .contains(NameUse.MAIDEN);
        assertThat(ContactPoint.builder(ContactSystem.OTHER, "01632960587")
                        .use(ContactUse.MOBILE)
                        .build()
                        .system())
                .contains(ContactSystem.OTHER);
    }

    @Test
    void addressAndTelecomRulesAreCheckedWhenBuilt() {
        assertThat(catchThrowableOfType(
                                NhsValidationException.class,
                                () -> Address.builder()
                                        .use(AddressUse.TEMP)
                                        .line("1 Road")
                                        .build())
                        .field())
                .isEqualTo("address.period");
        assertThat(catchThrowableOfType(
                                NhsValidationException.class,
                                () -> Address.builder()
                                        .use(AddressUse.TEMP)
                                        .line("1 Road")
                                        .period(Period.between(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1)))
                                        .build())
                        .field())
                .isEqualTo("address.text");
        Address temp = Address.builder()
                .use(AddressUse.TEMP)
                .text("Student Accommodation")
                .line("1 Road")
                .period(Period.between(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1)))
                .build();
        assertThat(temp.use()).contains(AddressUse.TEMP);
        assertThat(catchThrowableOfType(
                                NhsValidationException.class,
                                () -> Address.builder()
                                        .use(AddressUse.WORK)
                                        .line("x")
                                        .build())
                        .field())
                .isEqualTo("address.use");
        assertThat(catchThrowableOfType(
                                NhsValidationException.class,
                                () -> ContactPoint.builder(ContactSystem.EMAIL, "a@b.c")
                                        .build())
                        .getMessage())
                .doesNotContain("a@b.c");
        assertThat(catchThrowableOfType(
                        NhsValidationException.class,
                        () -> Period.between(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 1, 1))))
                .isNotNull();
    }
}
