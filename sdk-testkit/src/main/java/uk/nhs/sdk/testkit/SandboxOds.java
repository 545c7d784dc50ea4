package uk.nhs.sdk.testkit;

import java.net.URI;
import java.time.LocalDate;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.testkit.internal.ods.OdsFake;

/**
 * A handle on a sandbox's ODS fake, for what a test controls beyond the API: its change feed
 * (change, create or delete organisations with a new last change date, as ODS's nightly update
 * does) and how many generated organisations it holds.
 *
 * <pre>{@code
 * SandboxOds ods = SandboxOds.of(sandbox);
 * ods.generatedOrganisations(10_000);
 * ods.rename(OdsCode.of("Y05868"), "NEW NAME", LocalDate.of(2026, 11, 30));
 * ods.delete(OdsCode.of("RM559"), LocalDate.of(2026, 11, 30));   // listed in Organization-deletion
 * }</pre>
 *
 * <p>{@link NhsSandbox#reset()} returns the fake to its seed data and
 * {@link #DEFAULT_GENERATED} generated organisations.
 */
public final class SandboxOds {
    /** How many generated organisations the fake holds until told otherwise. */
    public static final int DEFAULT_GENERATED = OdsFake.DEFAULT_GENERATED;

    private final OdsFake fake;
    private final URI baseUrl;

    private SandboxOds(OdsFake fake, URI baseUrl) {
        this.fake = fake;
        this.baseUrl = baseUrl;
    }

    /**
     * The handle on a sandbox's ODS fake.
     *
     * @param sandbox the sandbox
     * @return the handle
     * @throws NhsConfigurationException when the sandbox hosts no ODS fake
     */
    public static SandboxOds of(NhsSandbox sandbox) {
        OdsFake fake = sandbox.context().shared(OdsFake.class, () -> {
            throw new NhsConfigurationException("the sandbox hosts no ODS fake");
        });
        return new SandboxOds(fake, sandbox.apiBaseUrl(OdsFake.BASE_PATH));
    }

    /**
     * The ODS FHIR API's base URL on the sandbox, what an ODS client's {@code baseUrl(URI)} takes.
     *
     * @return for example {@code http://127.0.0.1:54321/organisation-data-terminology-api/fhir}
     */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * Replaces the generated organisations ({@code Z00001}, {@code Z00002}, ...) with this many,
     * deterministic in their names, roles, places and last change dates. Role by number
     * {@code n % 4}: 0 and 1 a GP practice (RO177 primary, RO76), 2 a pharmacy (RO182), 3 an NHS
     * trust site (RO198).
     *
     * @param count zero or more
     * @throws IllegalArgumentException when the count is negative
     */
    public void generatedOrganisations(int count) {
        fake.generatedOrganisations(count);
    }

    /**
     * Renames an organisation and sets its last change date.
     *
     * @param code the organisation
     * @param name the new name
     * @param changedOn the new last change date
     * @throws IllegalArgumentException when the fake has no such organisation
     */
    public void rename(OdsCode code, String name, LocalDate changedOn) {
        fake.rename(code, name, changedOn);
    }

    /**
     * Replaces an organisation's roles (all active, the first primary) and sets its last change
     * date; an organisation that did not exist is created with the code as its name.
     *
     * @param code the organisation
     * @param changedOn the new last change date
     * @param roleCodes the role codes, such as {@code RO76}
     */
    public void setRoles(OdsCode code, LocalDate changedOn, String... roleCodes) {
        fake.setRoles(code, changedOn, roleCodes);
    }

    /**
     * Deletes an organisation and lists it in the {@code Organization-deletion} List.
     *
     * @param code the organisation
     * @param deletedOn the deletion date
     * @throws IllegalArgumentException when the fake has no such organisation
     */
    public void delete(OdsCode code, LocalDate deletedOn) {
        fake.delete(code, deletedOn);
    }

    /**
     * How many organisations the fake holds.
     *
     * @return the count
     */
    public int organisationCount() {
        return fake.organisationCount();
    }

    @Override
    public String toString() {
        return "SandboxOds[" + baseUrl + "]";
    }
}
