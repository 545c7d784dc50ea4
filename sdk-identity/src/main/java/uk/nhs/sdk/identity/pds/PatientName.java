package uk.nhs.sdk.identity.pds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * A patient's name as PDS holds it: id, use, period, prefixes, given names, family name and
 * suffixes. Build one to add a name ({@link PatientPatch.Builder#addName(PatientName)}).
 *
 * <p>Its {@code toString()} prints only the use.
 */
public final class PatientName {
    private final String id;
    private final NameUse use;
    private final Period period;
    private final List<String> prefixes;
    private final List<String> given;
    private final String family;
    private final List<String> suffixes;

    PatientName(
            String id,
            NameUse use,
            Period period,
            List<String> prefixes,
            List<String> given,
            String family,
            List<String> suffixes) {
        this.id = id;
        this.use = use;
        this.period = period;
        this.prefixes = List.copyOf(prefixes);
        this.given = List.copyOf(given);
        this.family = family;
        this.suffixes = List.copyOf(suffixes);
    }

    /**
     * Starts a name.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The object id PDS gave this name; a replace or remove must carry it.
     *
     * @return the id, absent on a new name
     */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /**
     * The use.
     *
     * @return the use, if sent
     */
    public Optional<NameUse> use() {
        return Optional.ofNullable(use);
    }

    /**
     * When the name applied.
     *
     * @return the period, if sent
     */
    public Optional<Period> period() {
        return Optional.ofNullable(period);
    }

    /**
     * The prefixes (titles), such as {@code Mrs}.
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<String> prefixes() {
        return prefixes;
    }

    /**
     * The given names in order; the first may be a compound name such as {@code John Paul}.
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<String> given() {
        return given;
    }

    /**
     * The family name.
     *
     * @return the family name, if sent
     */
    public Optional<String> family() {
        return Optional.ofNullable(family);
    }

    /**
     * The suffixes, such as {@code MBE}.
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<String> suffixes() {
        return suffixes;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PatientName)) {
            return false;
        }
        PatientName n = (PatientName) o;
        return Objects.equals(id, n.id)
                && use == n.use
                && Objects.equals(period, n.period)
                && prefixes.equals(n.prefixes)
                && given.equals(n.given)
                && Objects.equals(family, n.family)
                && suffixes.equals(n.suffixes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, use, period, prefixes, given, family, suffixes);
    }

    /**
     * Only the use: names are patient data.
     *
     * @return for example {@code PatientName[use=USUAL]}
     */
    @Override
    public String toString() {
        return "PatientName[use=" + use + "]";
    }

    /**
     * Builds a {@link PatientName}, applying PDS's name rules before any call: a family or a
     * given name, no blank part, given and family names of at most 35 characters, at most 5
     * given names, only the characters PDS accepts (letters including Latin-1 and Latin
     * Extended-A, digits, space, apostrophe, hyphen and full stop), each suffix starting
     * with A-Z, and a use PDS holds ({@code usual}, {@code temp}, {@code nickname}, {@code old} or
     * {@code maiden}).
     */
    public static final class Builder {
        private String id;
        private NameUse use;
        private Period period;
        private final List<String> prefixes = new ArrayList<>();
        private final List<String> given = new ArrayList<>();
        private String family;
        private final List<String> suffixes = new ArrayList<>();

        private Builder() {}

        /**
         * Sets the object id (only for replacing an existing name; PDS assigns ids to new names).
         *
         * @param value the id from the retrieved name
         * @return this builder
         */
        public Builder id(String value) {
            this.id = Objects.requireNonNull(value, "id");
            return this;
        }

        /**
         * Sets the use.
         *
         * @param value the use
         * @return this builder
         */
        public Builder use(NameUse value) {
            this.use = Objects.requireNonNull(value, "use");
            return this;
        }

        /**
         * Sets the period (PDS applies today as the start when none is sent).
         *
         * @param value the period
         * @return this builder
         */
        public Builder period(Period value) {
            this.period = Objects.requireNonNull(value, "period");
            return this;
        }

        /**
         * Adds prefixes (titles).
         *
         * @param values the prefixes
         * @return this builder
         */
        public Builder prefix(String... values) {
            prefixes.addAll(Arrays.asList(values));
            return this;
        }

        /**
         * Adds given names, in order.
         *
         * @param values the given names
         * @return this builder
         */
        public Builder given(String... values) {
            given.addAll(Arrays.asList(values));
            return this;
        }

        /**
         * Sets the family name.
         *
         * @param value the family name
         * @return this builder
         */
        public Builder family(String value) {
            this.family = Objects.requireNonNull(value, "family");
            return this;
        }

        /**
         * Adds suffixes.
         *
         * @param values the suffixes
         * @return this builder
         */
        public Builder suffix(String... values) {
            suffixes.addAll(Arrays.asList(values));
            return this;
        }

        /**
         * Builds the name.
         *
         * @return the name
         * @throws NhsValidationException when a rule above is broken (the message never holds the name)
         */
        public PatientName build() {
            if (family == null && given.isEmpty()) {
                throw new NhsValidationException("name", "needs a family name or a given name");
            }
            if (use == NameUse.OFFICIAL || use == NameUse.ANONYMOUS) {
                throw new NhsValidationException(
                        "name.use", "PDS holds only usual, temp, nickname, old and maiden names");
            }
            if (given.size() > 5) {
                throw new NhsValidationException("name.given", "at most 5 given names");
            }
            check("name.prefix", prefixes, Integer.MAX_VALUE);
            check("name.given", given, 35);
            if (family != null) {
                check("name.family", List.of(family), 35);
            }
            check("name.suffix", suffixes, Integer.MAX_VALUE);
            for (String s : suffixes) {
                if (s.charAt(0) < 'A' || s.charAt(0) > 'Z') {
                    throw new NhsValidationException("name.suffix", "must start with a capital letter A-Z");
                }
            }
            return new PatientName(id, use, period, prefixes, given, family, suffixes);
        }

        private static void check(String field, List<String> values, int maxLength) {
            for (String v : values) {
                Objects.requireNonNull(v, field);
                if (v.isBlank()) {
                    throw new NhsValidationException(field, "must not be blank");
                }
                if (v.length() > maxLength) {
                    throw new NhsValidationException(field, "at most " + maxLength + " characters");
                }
                for (int i = 0; i < v.length(); i++) {
                    if (!allowed(v.charAt(i))) {
                        throw new NhsValidationException(field, "holds a character PDS does not accept in names");
                    }
                }
            }
        }

        /** The character ranges PDS's update rules list for names. */
        static boolean allowed(char c) {
            return (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == ' '
                    || c == '\''
                    || c == '-'
                    || c == '.'
                    || (c >= 192 && c <= 214)
                    || (c >= 216 && c <= 246)
                    || (c >= 248 && c <= 383);
        }
    }
}
