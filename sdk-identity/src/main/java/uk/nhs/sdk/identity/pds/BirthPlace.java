package uk.nhs.sdk.identity.pds;

import java.util.Optional;

/**
 * Where the patient was born, from the {@code patient-birthPlace} extension: city, district and
 * country (an ISO 3166 alpha-3 code such as {@code GBR}). Not returned in search results.
 *
 * <p>Its {@code toString()} prints nothing of the place.
 */
public final class BirthPlace {
    private final String city;
    private final String district;
    private final String country;

    BirthPlace(String city, String district, String country) {
        this.city = city;
        this.district = district;
        this.country = country;
    }

    /**
     * The city.
     *
     * @return the city, if sent
     */
    public Optional<String> city() {
        return Optional.ofNullable(city);
    }

    /**
     * The district.
     *
     * @return the district, if sent
     */
    public Optional<String> district() {
        return Optional.ofNullable(district);
    }

    /**
     * The country code.
     *
     * @return the code, if sent
     */
    public Optional<String> country() {
        return Optional.ofNullable(country);
    }

    @Override
    public String toString() {
        return "BirthPlace[***]";
    }
}
