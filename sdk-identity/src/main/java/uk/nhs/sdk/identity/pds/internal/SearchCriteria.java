package uk.nhs.sdk.identity.pds.internal;

import java.util.List;

/**
 * The raw values of a patient search, before validation. Internal: filled by
 * {@code PatientSearch.Builder}, checked by {@link SearchRules}, turned into a query by
 * {@link SearchQuery}.
 *
 * @param family {@code family}, or null
 * @param given {@code given} values in order
 * @param gender {@code gender} code, or null
 * @param birthDates {@code birthdate} criteria
 * @param deathDates {@code death-date} criteria
 * @param postalCode {@code address-postalcode}, or null
 * @param legacyPostcode {@code address-postcode} (deprecated), or null
 * @param generalPractitioner {@code general-practitioner} ODS code, or null
 * @param email {@code email}, or null
 * @param phone {@code phone}, or null
 * @param fuzzy {@code _fuzzy-match}
 * @param exact {@code _exact-match}
 * @param history {@code _history}
 * @param maxResults {@code _max-results}, or null
 */
public record SearchCriteria(
        String family,
        List<String> given,
        String gender,
        List<DateCriterion> birthDates,
        List<DateCriterion> deathDates,
        String postalCode,
        String legacyPostcode,
        String generalPractitioner,
        String email,
        String phone,
        boolean fuzzy,
        boolean exact,
        boolean history,
        Integer maxResults) {

    /**
     * Copies the lists.
     *
     * @param family {@code family}
     * @param given {@code given}
     * @param gender {@code gender}
     * @param birthDates {@code birthdate}
     * @param deathDates {@code death-date}
     * @param postalCode {@code address-postalcode}
     * @param legacyPostcode {@code address-postcode}
     * @param generalPractitioner {@code general-practitioner}
     * @param email {@code email}
     * @param phone {@code phone}
     * @param fuzzy {@code _fuzzy-match}
     * @param exact {@code _exact-match}
     * @param history {@code _history}
     * @param maxResults {@code _max-results}
     */
    public SearchCriteria {
        given = List.copyOf(given);
        birthDates = List.copyOf(birthDates);
        deathDates = List.copyOf(deathDates);
    }

    /**
     * Masked: the values are patient data.
     *
     * @return the parameter names in use
     */
    @Override
    public String toString() {
        return "SearchCriteria" + SearchQuery.names(this);
    }
}
