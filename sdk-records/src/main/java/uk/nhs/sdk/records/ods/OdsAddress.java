package uk.nhs.sdk.records.ods;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import uk.nhs.sdk.records.ods.internal.OdsJson;
import uk.nhs.sdk.records.ods.internal.OdsJson.InvalidJson;

/**
 * An organisation's address as ODS holds it (public reference data, in upper case).
 */
public final class OdsAddress {
    private static final String ADDRESS_KEY = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-AddressKey";

    private final List<String> lines;
    private final String city;
    private final String postalCode;
    private final String country;
    private final String uprn;

    private OdsAddress(List<String> lines, String city, String postalCode, String country, String uprn) {
        this.lines = List.copyOf(lines);
        this.city = city;
        this.postalCode = postalCode;
        this.country = country;
        this.uprn = uprn;
    }

    static OdsAddress parse(JsonNode a) throws InvalidJson {
        String uprn = null;
        Optional<JsonNode> key = OdsJson.extension(a, ADDRESS_KEY);
        if (key.isPresent()) {
            uprn = OdsJson.extension(key.get(), "value")
                    .flatMap(v -> OdsJson.text(v, "valueString"))
                    .orElse(null);
        }
        return new OdsAddress(
                List.copyOf(OdsJson.strings(a, "line")),
                OdsJson.text(a, "city").orElse(null),
                OdsJson.text(a, "postalCode").orElse(null),
                OdsJson.text(a, "country").orElse(null),
                uprn);
    }

    /**
     * The address lines.
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<String> lines() {
        return lines;
    }

    /**
     * The town or city.
     *
     * @return the city
     */
    public Optional<String> city() {
        return Optional.ofNullable(city);
    }

    /**
     * The postcode.
     *
     * @return the postcode
     */
    public Optional<String> postalCode() {
        return Optional.ofNullable(postalCode);
    }

    /**
     * The country.
     *
     * @return for example {@code ENGLAND}
     */
    public Optional<String> country() {
        return Optional.ofNullable(country);
    }

    /**
     * The Unique Property Reference Number, from the UK Core address-key extension.
     *
     * @return the UPRN
     */
    public Optional<String> uprn() {
        return Optional.ofNullable(uprn);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(String.join(", ", lines));
        for (String part : new String[] {city, postalCode}) {
            if (part != null) {
                b.append(b.length() == 0 ? "" : ", ").append(part);
            }
        }
        return b.toString();
    }
}
