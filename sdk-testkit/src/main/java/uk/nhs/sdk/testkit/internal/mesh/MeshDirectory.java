package uk.nhs.sdk.testkit.internal.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.testkit.internal.Json;

/**
 * The mailboxes a MESH fake knows, with their passwords, and the workflows whose receivers answer
 * endpoint lookup and workflow search. Immutable.
 */
public final class MeshDirectory {
    /** The public MESH sandbox's shared key, used when no other is configured. */
    public static final String SANDBOX_SHARED_KEY = "TestKey";

    private final Map<String, Mailbox> mailboxes;
    private final Map<String, List<String>> receiversByWorkflow;

    /**
     * Creates a directory.
     *
     * @param mailboxes the mailboxes, in order
     * @param receiversByWorkflow each workflow's receiving mailbox ids, in order
     */
    public MeshDirectory(List<Mailbox> mailboxes, Map<String, List<String>> receiversByWorkflow) {
        Map<String, Mailbox> m = new LinkedHashMap<>();
        for (Mailbox mb : mailboxes) {
            m.put(mb.id(), mb);
        }
        Map<String, List<String>> w = new LinkedHashMap<>();
        receiversByWorkflow.forEach((k, v) -> w.put(k, List.copyOf(v)));
        this.mailboxes = java.util.Collections.unmodifiableMap(m);
        this.receiversByWorkflow = java.util.Collections.unmodifiableMap(w);
    }

    /**
     * The mailboxes and workflows of NHS England's public MESH sandbox (see this package's
     * resources README).
     *
     * @return the seeded directory
     */
    public static MeshDirectory publicSandbox() {
        List<Mailbox> mailboxes = new ArrayList<>();
        for (JsonNode n : jsonl("mailboxes.jsonl")) {
            mailboxes.add(new Mailbox(
                    n.path("mailbox_id").asText(),
                    n.path("mailbox_name").asText(),
                    Secret.of(n.path("password").asText()),
                    n.path("ods_code").asText(""),
                    n.path("org_code").asText(""),
                    n.path("org_name").asText("")));
        }
        Map<String, List<String>> workflows = new LinkedHashMap<>();
        for (JsonNode n : jsonl("workflows.jsonl")) {
            List<String> receivers = new ArrayList<>();
            n.path("receivers").forEach(r -> receivers.add(r.asText()));
            workflows.put(n.path("workflow_id").asText(), receivers);
        }
        return new MeshDirectory(mailboxes, workflows);
    }

    private static List<JsonNode> jsonl(String resource) {
        try (InputStream in = MeshDirectory.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing MESH seed resource " + resource);
            }
            List<JsonNode> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (!line.isBlank()) {
                    out.add(Json.tree(line.getBytes(StandardCharsets.UTF_8)));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable MESH seed resource " + resource, e);
        }
    }

    /**
     * A mailbox by its exact id.
     *
     * @param id the id
     * @return the mailbox, if known
     */
    public Optional<Mailbox> mailbox(String id) {
        return Optional.ofNullable(id == null ? null : mailboxes.get(id));
    }

    /**
     * Every mailbox, in configuration order.
     *
     * @return the mailboxes
     */
    public List<Mailbox> mailboxes() {
        return List.copyOf(mailboxes.values());
    }

    /**
     * Every workflow with its receiving mailbox ids.
     *
     * @return the workflows, in configuration order
     */
    public Map<String, List<String>> workflows() {
        return receiversByWorkflow;
    }

    /**
     * The receivers of a workflow that belong to an organisation.
     *
     * @param odsCode the organisation's ODS code (case-insensitive)
     * @param workflowId the workflow
     * @return the matching mailboxes, in the workflow's order
     */
    public List<Mailbox> lookup(String odsCode, String workflowId) {
        List<Mailbox> out = new ArrayList<>();
        for (Mailbox mb : receivers(workflowId)) {
            if (mb.odsCode().toUpperCase(Locale.ROOT).equals(odsCode.toUpperCase(Locale.ROOT))) {
                out.add(mb);
            }
        }
        return out;
    }

    /**
     * The receivers of a workflow.
     *
     * @param workflowId the workflow
     * @return the mailboxes, in the workflow's order
     */
    public List<Mailbox> receivers(String workflowId) {
        List<Mailbox> out = new ArrayList<>();
        for (String id : receiversByWorkflow.getOrDefault(workflowId, List.of())) {
            mailbox(id).ifPresent(out::add);
        }
        return out;
    }

    /**
     * One mailbox.
     *
     * @param id the mailbox id, upper case
     * @param name the mailbox name
     * @param password the mailbox password
     * @param odsCode the organisation's ODS code, or empty
     * @param orgCode the organisation code, or empty
     * @param orgName the organisation name, or empty
     */
    public record Mailbox(String id, String name, Secret password, String odsCode, String orgCode, String orgName) {
        /**
         * Checks the fields.
         *
         * @param id the mailbox id
         * @param name the name
         * @param password the password
         * @param odsCode the ODS code
         * @param orgCode the organisation code
         * @param orgName the organisation name
         */
        public Mailbox {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(odsCode, "odsCode");
            Objects.requireNonNull(orgCode, "orgCode");
            Objects.requireNonNull(orgName, "orgName");
        }
    }
}
