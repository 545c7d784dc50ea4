package uk.nhs.sdk.reliability.hostile;

import uk.nhs.sdk.reliability.PrivacyAudit;

/** Checks a text the SDK made for people (a model's {@code toString()}) with {@link PrivacyAudit}. */
final class PrivacyText {
    private PrivacyText() {}

    /**
     * Checks the text and returns it.
     *
     * @param text the text
     * @return the text
     */
    static String check(String text) {
        PrivacyAudit.checkText(text);
        return text;
    }
}
