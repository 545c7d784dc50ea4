package uk.nhs.sdk.testkit;

import java.time.LocalDate;
import uk.nhs.sdk.core.OdsCode;

/**
 * Drives the embedded ODS fake's change feed from a test: change, create or delete organisations
 * with a new last change date, as ODS's nightly update does, and choose how many generated
 * organisations it holds. Obtain it with {@code sandbox.control(OdsFakeControl.class)}.
 *
 * <pre>{@code
 * OdsFakeControl ods = sandbox.control(OdsFakeControl.class);
 * ods.generatedOrganisations(10_000);
 * ods.rename(OdsCode.of("Y05868"), "NEW NAME", LocalDate.of(2026, 11, 30));
 * ods.delete(OdsCode.of("RM559"), LocalDate.of(2026, 11, 30));   // listed in Organization-deletion
 * }</pre>
 *
 * <p>{@link NhsSandbox#reset()} returns the fake to its seed data and default generated count.
 */
public interface OdsFakeControl {
    /** How many generated organisations the fake holds until told otherwise. */
    int DEFAULT_GENERATED = 250;

    /**
     * Replaces the generated organisations ({@code Z00001}, {@code Z00002}, ...) with this many,
     * deterministic in their names, roles, places and last change dates. Role by number
     * {@code n % 4}: 0 and 1 a GP practice (RO177 primary, RO76), 2 a pharmacy (RO182), 3 an NHS
     * trust site (RO198).
     *
     * @param count zero or more
     */
    void generatedOrganisations(int count);

    /**
     * Renames an organisation and sets its last change date.
     *
     * @param code the organisation
     * @param name the new name
     * @param changedOn the new last change date
     * @throws IllegalArgumentException when the fake has no such organisation
     */
    void rename(OdsCode code, String name, LocalDate changedOn);

    /**
     * Replaces an organisation's roles (all active, the first primary) and sets its last change
     * date; an organisation that did not exist is created with the code as its name.
     *
     * @param code the organisation
     * @param changedOn the new last change date
     * @param roleCodes the role codes, such as {@code RO76}
     */
    void setRoles(OdsCode code, LocalDate changedOn, String... roleCodes);

    /**
     * Deletes an organisation and lists it in the {@code Organization-deletion} List.
     *
     * @param code the organisation
     * @param deletedOn the deletion date
     * @throws IllegalArgumentException when the fake has no such organisation
     */
    void delete(OdsCode code, LocalDate deletedOn);

    /**
     * How many organisations the fake holds.
     *
     * @return the count
     */
    int organisationCount();
}
