package uk.nhs.sdk.identity.pds;

import java.util.Optional;
import uk.nhs.sdk.core.fhir.Coding;

/**
 * How the patient prefers to be contacted, from {@code Extension-UKCore-ContactPreference}:
 * written format (such as Braille), method (such as letter) and free-text times.
 */
public final class ContactPreference {
    private final Coding writtenFormat;
    private final Coding method;
    private final String times;

    ContactPreference(Coding writtenFormat, Coding method, String times) {
        this.writtenFormat = writtenFormat;
        this.method = method;
        this.times = times;
    }

    /**
     * The preferred written communication format ({@code PreferredWrittenCommunicationFormat}).
     *
     * @return the coding, if sent
     */
    public Optional<Coding> writtenFormat() {
        return Optional.ofNullable(writtenFormat);
    }

    /**
     * The preferred contact method ({@code PreferredContactMethod}).
     *
     * @return the coding, if sent
     */
    public Optional<Coding> method() {
        return Optional.ofNullable(method);
    }

    /**
     * The preferred contact times ({@code PreferredContactTimes}, free text up to 40 characters).
     *
     * @return the text, if sent
     */
    public Optional<String> times() {
        return Optional.ofNullable(times);
    }

    /**
     * Nothing of the preferences: a written format such as Braille says something of the
     * patient's health.
     *
     * @return {@code ContactPreference[***]}
     */
    @Override
    public String toString() {
        return "ContactPreference[***]";
    }
}
