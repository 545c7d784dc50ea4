package uk.nhs.sdk.messaging.notify;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A value of an open set NHS Notify defines, such as a status or a channel type: the values the
 * spec lists are constants of the concrete class, and any other value the API sends is kept as it
 * came, since the API adds values without notice.
 *
 * <p>Two values are equal when they are of the same class and hold the same string: a
 * {@link NotifyChannelStatus} never equals a {@link NotifyMessageStatus}, even with the same
 * value. {@link #toString()} hides a value that does not look like one the spec lists.
 *
 * @param <T> the concrete class
 */
public abstract class NotifyValue<T extends NotifyValue<T>> {
    private final String value;

    NotifyValue(String value) {
        this.value = value;
    }

    /**
     * The constant in {@code known} that holds {@code value}, or a new instance holding it.
     *
     * @param <T> the concrete class
     * @param value the value as the API sends it
     * @param known the constants of the concrete class
     * @param create makes an instance holding an unknown value
     * @return the constant, or the new instance
     */
    static <T extends NotifyValue<T>> T lookUp(String value, List<T> known, Function<String, T> create) {
        Objects.requireNonNull(value, "value");
        for (T k : known) {
            if (k.value().equals(value)) {
                return k;
            }
        }
        return create.apply(value);
    }

    /**
     * The values the spec lists, for {@link #isKnown()}.
     *
     * @return the constants of the concrete class
     */
    abstract List<T> knownValues();

    /**
     * The value as the API sends it.
     *
     * @return the value
     */
    public String value() {
        return value;
    }

    /**
     * Whether the spec lists this value.
     *
     * @return {@code false} for a value the API added later
     */
    public boolean isKnown() {
        return knownValues().contains(this);
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((NotifyValue<?>) o).value.equals(value);
    }

    @Override
    public final int hashCode() {
        return value.hashCode();
    }

    @Override
    public final String toString() {
        return value.matches("[A-Za-z0-9_]{1,64}") ? value : "(a value not shown)";
    }
}
