package uk.nhs.sdk.messaging.notify;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a JSON:API {@code errors[]} body. The entry's {@code detail} text is deliberately
 * not kept: it can echo the request's values (an NHS number, an email address, personalisation).
 * The code, the title (one of a fixed list, {@code schemas/enums/ErrorTitle.yaml}) and the JSON
 * pointer to the offending field say what was wrong. {@link #toString()} prints the code and the
 * pointer only when they have their documented shape, and never the title: all three come from
 * the server unchecked.
 *
 * @param code the error code, such as {@code CM_INVALID_NHS_NUMBER}; empty text when absent
 * @param title the title, such as {@code Invalid nhs number}; empty text when absent
 * @param pointer the JSON pointer ({@code source.pointer}), such as
 *     {@code /data/attributes/recipient/nhsNumber}
 * @param status the entry's HTTP status, as the API sends it (a string such as {@code "400"})
 * @param id the error's id (such as {@code rrt-...}), for NHS Notify's support
 */
public record NotifyError(
        String code, String title, Optional<String> pointer, Optional<String> status, Optional<String> id) {
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

    /**
     * The code, pointer, status and id, each only when it has its documented shape; never the
     * title.
     *
     * @return such as {@code NotifyError[CM_INVALID_VALUE /data/attributes/recipient/nhsNumber status=400]}
     */
    @Override
    public String toString() {
        return "NotifyError[" + (code.matches("[A-Za-z][A-Za-z0-9_.-]{0,63}") ? code : "(a code not shown)")
                + pointer.map(p -> p.matches("[A-Za-z0-9_/.~-]{0,500}") ? " " + p : " (a pointer not shown)")
                        .orElse("")
                + status.map(s -> " status=" + s).orElse("")
                + id.map(i -> " id=" + i).orElse("") + "]";
    }
}
