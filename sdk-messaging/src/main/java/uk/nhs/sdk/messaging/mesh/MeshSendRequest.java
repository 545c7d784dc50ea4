package uk.nhs.sdk.messaging.mesh;

import java.util.Optional;
import java.util.OptionalInt;
import uk.nhs.sdk.messaging.mesh.internal.MeshValidation;

/**
 * What to send: recipient, workflow and the optional {@code mex-*} metadata, plus how to send it
 * (per-message chunk size and gzip). The content is passed separately to
 * {@link MeshClient#send(MeshSendRequest, byte[])} and its overloads.
 *
 * <p>Every field is checked by {@link Builder#build()}, before any I/O, against MESH's rules
 * (required fields, maximum lengths, printable ASCII, no URLs in {@code mex-To}/{@code mex-WorkflowID}).
 *
 * <pre>{@code
 * MeshSendRequest request = MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
 *     .fileName("results.csv").contentType("text/csv").localId("batch-2026-11-24")
 *     .compress(true)
 *     .build();
 * }</pre>
 */
public final class MeshSendRequest {
    private final String to;
    private final String workflowId;
    private final String subject;
    private final String localId;
    private final String fileName;
    private final String contentType;
    private final String checksum;
    private final boolean compress;
    private final Integer chunkSize;
    private final boolean contentCompressed;
    private final boolean contentEncrypted;

    private MeshSendRequest(Builder b) {
        this.to = MeshValidation.mailbox("to", b.to);
        this.workflowId = MeshValidation.workflowId("workflowId", b.workflowId);
        this.subject = MeshValidation.headerText("subject", b.subject, 500);
        this.localId = MeshValidation.headerText("localId", b.localId, 300);
        this.fileName = MeshValidation.headerText("fileName", b.fileName, 300);
        this.contentType = MeshValidation.mediaType("contentType", b.contentType);
        this.checksum = MeshValidation.checksum("checksum", b.checksum);
        this.compress = b.compress;
        this.chunkSize = b.chunkSize == null ? null : MeshValidation.chunkSize(b.chunkSize);
        this.contentCompressed = b.contentCompressed;
        this.contentEncrypted = b.contentEncrypted;
    }

    /**
     * Starts a request.
     *
     * @param to the recipient mailbox id ({@code mex-To})
     * @param workflowId the workflow id ({@code mex-WorkflowID})
     * @return the builder
     */
    public static Builder builder(String to, String workflowId) {
        return new Builder(to, workflowId);
    }

    /**
     * The recipient mailbox, upper case.
     *
     * @return {@code mex-To}
     */
    public String to() {
        return to;
    }

    /**
     * The workflow id.
     *
     * @return {@code mex-WorkflowID}
     */
    public String workflowId() {
        return workflowId;
    }

    /**
     * The subject.
     *
     * @return {@code mex-Subject}, if set
     */
    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    /**
     * The sender's reference. When absent, {@link MeshClient} generates a UUID and returns it in
     * {@link MeshSendResult#localId()}.
     *
     * @return {@code mex-LocalID}, if set
     */
    public Optional<String> localId() {
        return Optional.ofNullable(localId);
    }

    /**
     * The file name passed to the recipient.
     *
     * @return {@code mex-FileName}, if set
     */
    public Optional<String> fileName() {
        return Optional.ofNullable(fileName);
    }

    /**
     * The content's media type.
     *
     * @return the type, if set ({@code application/octet-stream} is sent otherwise)
     */
    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    /**
     * The checksum passed to the recipient (MESH does not check it).
     *
     * @return {@code mex-Content-Checksum}, if set
     */
    public Optional<String> checksum() {
        return Optional.ofNullable(checksum);
    }

    /**
     * Whether each chunk is gzipped in transit ({@code Content-Encoding: gzip}).
     *
     * @return {@code true} to compress
     */
    public boolean compress() {
        return compress;
    }

    /**
     * The chunk size for this message, overriding the client's.
     *
     * @return the uncompressed bytes per chunk, if set
     */
    public OptionalInt chunkSize() {
        return chunkSize == null ? OptionalInt.empty() : OptionalInt.of(chunkSize);
    }

    /**
     * Whether the application compressed the content itself ({@code mex-Content-Compressed: Y},
     * passed through to the recipient; not transport compression).
     *
     * @return the flag
     */
    public boolean contentCompressed() {
        return contentCompressed;
    }

    /**
     * Whether the application encrypted the content ({@code mex-Content-Encrypted: Y}, passed
     * through to the recipient).
     *
     * @return the flag
     */
    public boolean contentEncrypted() {
        return contentEncrypted;
    }

    /**
     * Recipient and workflow only: the other fields may carry identifying text.
     *
     * @return a summary
     */
    @Override
    public String toString() {
        return "MeshSendRequest[to=" + to + ", workflowId=" + workflowId + ", compress=" + compress + "]";
    }

    /**
     * Builds a {@link MeshSendRequest}.
     */
    public static final class Builder {
        private final String to;
        private final String workflowId;
        private String subject;
        private String localId;
        private String fileName;
        private String contentType;
        private String checksum;
        private boolean compress;
        private Integer chunkSize;
        private boolean contentCompressed;
        private boolean contentEncrypted;

        private Builder(String to, String workflowId) {
            this.to = to;
            this.workflowId = workflowId;
        }

        /**
         * Sets the subject (up to 500 printable ASCII characters).
         *
         * @param value the subject, or {@code null}
         * @return this builder
         */
        public Builder subject(String value) {
            this.subject = value;
            return this;
        }

        /**
         * Sets the local id (up to 300 printable ASCII characters). It must not contain patient
         * identifiable data. Use a unique one per message: after an unknown outcome it is how you
         * find out, through tracking, whether MESH accepted the message.
         *
         * @param value the local id, or {@code null} to have one generated
         * @return this builder
         */
        public Builder localId(String value) {
            this.localId = value;
            return this;
        }

        /**
         * Sets the file name (up to 300 printable ASCII characters).
         *
         * @param value the name, or {@code null}
         * @return this builder
         */
        public Builder fileName(String value) {
            this.fileName = value;
            return this;
        }

        /**
         * Sets the content's media type (sent as {@code mex-Content-Type}, and as
         * {@code Content-Type} of a single-chunk message).
         *
         * @param value such as {@code text/csv}, or {@code null}
         * @return this builder
         */
        public Builder contentType(String value) {
            this.contentType = value;
            return this;
        }

        /**
         * Sets the checksum passed through to the recipient (up to 100 characters).
         *
         * @param value such as {@code md5:5d41402abc4b2a76b9719d911017c592}, or {@code null}
         * @return this builder
         */
        public Builder checksum(String value) {
            this.checksum = value;
            return this;
        }

        /**
         * Gzips each chunk in transit (default off). MESH stores the compressed bytes; receivers
         * that ask for identity encoding get them decompressed.
         *
         * @param value whether to compress
         * @return this builder
         */
        public Builder compress(boolean value) {
            this.compress = value;
            return this;
        }

        /**
         * Sets this message's chunk size (uncompressed bytes per chunk), overriding the client's.
         * MESH asks for chunks of more than 5 MB except the last.
         *
         * @param bytes 1 byte to 100 MB
         * @return this builder
         */
        public Builder chunkSize(int bytes) {
            this.chunkSize = bytes;
            return this;
        }

        /**
         * Flags the content as compressed by the application ({@code mex-Content-Compressed: Y}).
         *
         * @param value the flag
         * @return this builder
         */
        public Builder contentCompressed(boolean value) {
            this.contentCompressed = value;
            return this;
        }

        /**
         * Flags the content as encrypted by the application ({@code mex-Content-Encrypted: Y}).
         *
         * @param value the flag
         * @return this builder
         */
        public Builder contentEncrypted(boolean value) {
            this.contentEncrypted = value;
            return this;
        }

        /**
         * Builds and validates the request.
         *
         * @return the request
         * @throws uk.nhs.sdk.core.error.NhsValidationException when a field breaks MESH's rules
         */
        public MeshSendRequest build() {
            return new MeshSendRequest(this);
        }
    }
}
