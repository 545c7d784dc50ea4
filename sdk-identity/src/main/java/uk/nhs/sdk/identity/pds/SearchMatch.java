package uk.nhs.sdk.identity.pds;

import java.util.Objects;

/**
 * One patient matched by a search, with PDS's score: 1.0 an exact match, less a partial one.
 */
public final class SearchMatch {
    private final Patient patient;
    private final double score;

    SearchMatch(Patient patient, double score) {
        this.patient = Objects.requireNonNull(patient, "patient");
        this.score = score;
    }

    /**
     * The matched patient (search results carry fewer fields than a retrieval).
     *
     * @return the patient
     */
    public Patient patient() {
        return patient;
    }

    /**
     * The match score, 0 to 1.
     *
     * @return the score
     */
    public double score() {
        return score;
    }

    /**
     * Only the score.
     *
     * @return for example {@code SearchMatch[score=0.75]}
     */
    @Override
    public String toString() {
        return "SearchMatch[score=" + score + "]";
    }
}
