package uk.nhs.sdk.messaging.notify;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a JSON:API {@code errors[]} body. The entry's {@code detail} text is deliberately
 * not kept: it can echo the request's values (an NHS number, an email address, personalisation).
 * The code, the title (one of a fixed list, {@code schemas/enums/ErrorTitle.yaml}) and the JSON
 * pointer to the offending field say what was wrong.
 *
 * @param code the error code, such as {@code CM_INVALID_NHS_NUMBER}; empty text when absent
 * @param title the title, such as {@code Invalid nhs number}; empty text when absent
 * @param pointer the JSON pointer ({@code source.pointer}), such as
 *     {@code /data/attributes/recipient/nhsNumber}
 * @param status the entry's HTTP status, as the API sends it (a string such as {@code "400"})
 * @param id the error's id (such as {@code rrt-...}), for NHS Notify's support
 */
public record NotifyError(String code, String title, Optional<String> pointer, Optional<String> status,
        Optional<String> id) {
    /**
     * Checks the components.
     *
     * @param code the code
     * @param title the title
     * @param pointer the pointer
     * @param status the status
     * @param id the id
     */
    public NotifyError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(id, "id");
    }
}
