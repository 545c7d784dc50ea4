package uk.nhs.sdk.messaging.mesh;

import java.util.Objects;
import java.util.Optional;

/**
 * A mailbox found by {@link MeshClient#lookup(uk.nhs.sdk.core.OdsCode, String)} or
 * {@link MeshClient#workflowSearch(String)}.
 */
public final class MeshMailbox {
    private final String mailboxId;
    private final String name;

    MeshMailbox(String mailboxId, String name) {
        this.mailboxId = Objects.requireNonNull(mailboxId, "mailboxId");
        this.name = name == null || name.isBlank() ? null : name;
    }

    /**
     * The mailbox id to send to.
     *
     * @return the id
     */
    public String mailboxId() {
        return mailboxId;
    }

    /**
     * The mailbox's name.
     *
     * @return the name, when given
     */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MeshMailbox
                && ((MeshMailbox) o).mailboxId.equals(mailboxId)
                && Objects.equals(((MeshMailbox) o).name, name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mailboxId, name);
    }

    @Override
    public String toString() {
        return "MeshMailbox[" + mailboxId + (name == null ? "" : " " + name) + "]";
    }
}
