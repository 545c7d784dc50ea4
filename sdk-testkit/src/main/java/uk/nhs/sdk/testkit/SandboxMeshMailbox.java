package uk.nhs.sdk.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.testkit.internal.mesh.MeshDirectory;

/**
 * A MESH mailbox the sandbox knows: what a MESH client needs to sign in as it, together with
 * {@link NhsSandbox#meshSharedKey()}.
 *
 * <p>Unless {@link NhsSandbox.Builder#meshMailbox(String, Secret)} configures others, the sandbox
 * knows the public MESH sandbox's mailboxes {@code X26ABC1}, {@code X26ABC2} (both ODS code
 * {@code X26}) and {@code X26ABC3} ({@code X27}), each with password {@code password}.
 */
public final class SandboxMeshMailbox {
    private final String id;
    private final Secret password;
    private final Optional<OdsCode> odsCode;

    SandboxMeshMailbox(String id, Secret password, Optional<OdsCode> odsCode) {
        this.id = Objects.requireNonNull(id, "id");
        this.password = Objects.requireNonNull(password, "password");
        this.odsCode = Objects.requireNonNull(odsCode, "odsCode");
    }

    /** The mailboxes of a MESH directory, in its order. */
    static List<SandboxMeshMailbox> of(MeshDirectory directory) {
        List<SandboxMeshMailbox> mailboxes = new ArrayList<>();
        for (MeshDirectory.Mailbox mb : directory.mailboxes()) {
            mailboxes.add(new SandboxMeshMailbox(
                    mb.id(),
                    mb.password(),
                    mb.odsCode().isEmpty() ? Optional.empty() : Optional.of(OdsCode.of(mb.odsCode()))));
        }
        return List.copyOf(mailboxes);
    }

    /**
     * The mailbox id, upper case, as it appears in MESH paths and {@code mex-To}.
     *
     * @return for example {@code X26ABC1}
     */
    public String id() {
        return id;
    }

    /**
     * The mailbox password, which goes into the {@code Authorization} header's hash.
     *
     * @return the password
     */
    public Secret password() {
        return password;
    }

    /**
     * The organisation the mailbox belongs to, which endpoint lookup matches.
     *
     * @return the ODS code, when configured
     */
    public Optional<OdsCode> odsCode() {
        return odsCode;
    }

    @Override
    public String toString() {
        return "SandboxMeshMailbox[" + id + "]";
    }
}
