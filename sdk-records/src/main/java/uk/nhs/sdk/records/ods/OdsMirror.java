package uk.nhs.sdk.records.ods;

import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.records.ods.internal.MirrorFiles;

/**
 * A local copy of the ODS organisations holding some roles, kept in a directory the caller
 * chooses, that answers {@link #lookup(OdsCode)} offline.
 *
 * <pre>{@code
 * OdsMirror mirror = OdsMirror.builder()
 *     .directory(Path.of("/var/lib/myapp/ods"))
 *     .client(ods)
 *     .roles(OdsRole.GP_PRACTICE)
 *     .build();
 * mirror.sync();                              // first a full load, later only what changed
 * mirror.lookup(OdsCode.of("Y05868"));        // offline
 * }</pre>
 *
 * <p>{@link #sync()} does a full load of the roles (one {@code roleCode} search, OR of the roles)
 * the first time, and afterwards an incremental update: every organisation whose
 * {@code lastChangeDate} is on or after the day the previous sync started (kept when it holds
 * one of the roles, removed when it no longer does), then the {@code Organization-deletion} list
 * (a listed organisation is removed unless it changed after the deletion).
 *
 * <p>Crash safety: each organisation is one file ({@code organisations/<ODS code>.json}) replaced
 * atomically (written to a temporary file, then moved with {@code ATOMIC_MOVE}). A page is made
 * durable as a whole: its temporary files are forced to disk together, moved into place, and the
 * directory is forced; only then does the checkpoint {@code mirror.properties} (itself forced)
 * record the next page's link. So a sync that stops half way (a process crash, a power loss, a
 * failed call) resumes from the last durable page on the next {@link #sync()}, with no
 * organisation lost or stored twice. While loading, the mirror holds one
 * page of organisations in memory. One process at a time may sync a directory (a file lock).
 *
 * <p>A resumed full load pages with the API's offsets: when ODS changed between the stop and the
 * resume, an organisation can move between pages; the next incremental sync picks up every
 * organisation changed since the load began.
 */
public final class OdsMirror {
    private static final ZoneId UK = ZoneId.of("Europe/London");
    private static final String PHASE = "phase";
    private static final String NEXT = "next";
    private static final String ROLES = "roles";
    private static final String SYNCED = "syncedFrom";
    private static final String RUN_STARTED = "runStartedOn";
    private static final String FULL = "full";
    private static final String CHANGES = "changes";
    private static final String DELETIONS = "deletions";
    private static final String IDLE = "idle";

    private final MirrorFiles files;
    private final OdsClient client;
    private final Set<OdsRole> roles;
    private final int pageSize;
    private final Clock clock;

    private OdsMirror(Builder b) {
        this.files = new MirrorFiles(b.directory, b.beforeChange);
        this.client = b.client;
        this.pageSize = b.pageSize;
        this.clock = b.clock;
        Properties state = files.readState();
        String stored = state.getProperty(ROLES, "");
        Set<OdsRole> storedRoles = stored.isEmpty()
                ? Set.of()
                : Arrays.stream(stored.split(","))
                        .map(OdsRole::of)
                        .collect(Collectors.toCollection(LinkedHashSet::new));
        if (!b.roles.isEmpty() && !storedRoles.isEmpty() && !storedRoles.equals(b.roles)) {
            throw new NhsConfigurationException(
                    "the mirror directory holds other roles (" + stored + "); use a new directory for these roles");
        }
        this.roles = Set.copyOf(b.roles.isEmpty() ? storedRoles : b.roles);
    }

    /**
     * Starts a builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What one {@link #sync()} did.
     *
     * @param kind {@code FULL} for a full load, {@code INCREMENTAL} for an update
     * @param resumed whether it continued a sync that had stopped
     * @param pages the pages fetched by this call
     * @param written the organisations written by this call
     * @param removed the organisations removed by this call
     */
    public record SyncResult(Kind kind, boolean resumed, int pages, int written, int removed) {
        /** The kind of sync. */
        public enum Kind {
            /** The first, full load of the roles. */
            FULL,
            /** An update by last change date and the deletion list. */
            INCREMENTAL
        }
    }

    /**
     * Brings the mirror up to date: a full load the first time, an incremental update after, and
     * the rest of an interrupted sync when one stopped.
     *
     * @return what was done
     * @throws NhsConfigurationException when built without a client, or a new mirror without roles,
     *     or another process is syncing the directory
     * @throws uk.nhs.sdk.core.error.NhsSdkException when a call fails; call again to resume
     */
    public synchronized SyncResult sync() {
        if (client == null) {
            throw new NhsConfigurationException("the mirror was built without a client: it can only look up");
        }
        if (roles.isEmpty()) {
            throw new NhsConfigurationException("a new mirror needs the roles to load");
        }
        Path lockFile = files.directory().resolve(".lock");
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = tryLock(ch)) {
            return run(lock);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the mirror directory cannot be locked", e);
        }
    }

    private static FileLock tryLock(FileChannel ch) throws java.io.IOException {
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new NhsConfigurationException("another sync of this mirror directory is running");
        }
        return lock;
    }

    private SyncResult run(FileLock lock) {
        Objects.requireNonNull(lock, "lock");
        Properties state = files.readState();
        String phase = state.getProperty(PHASE, IDLE);
        boolean resumed = !IDLE.equals(phase);
        if (!resumed) {
            phase = state.getProperty(SYNCED) == null ? FULL : CHANGES;
            state.setProperty(PHASE, phase);
            state.setProperty(ROLES, roles.stream().map(OdsRole::code).sorted().collect(Collectors.joining(",")));
            state.setProperty(RUN_STARTED, today().toString());
            state.remove(NEXT);
            files.writeState(state);
        }
        SyncResult.Kind kind = FULL.equals(phase) ? SyncResult.Kind.FULL : SyncResult.Kind.INCREMENTAL;
        int[] counts = new int[3];
        if (FULL.equals(phase)) {
            pages(
                    state,
                    OdsSearch.builder()
                            .anyRole(roles.toArray(new OdsRole[0]))
                            .pageSize(pageSize)
                            .build(),
                    o -> {
                        files.writeOrganisation(o.odsCode().value(), o.rawJson());
                        counts[1]++;
                    },
                    counts);
            finish(state);
        } else {
            if (CHANGES.equals(phase)) {
                LocalDate since = LocalDate.parse(state.getProperty(SYNCED));
                pages(
                        state,
                        OdsSearch.builder()
                                .lastChangedAfter(since.minusDays(1))
                                .pageSize(pageSize)
                                .build(),
                        o -> {
                            if (roles.stream().anyMatch(o::hasRole)) {
                                files.writeOrganisation(o.odsCode().value(), o.rawJson());
                                counts[1]++;
                            } else if (files.deleteOrganisation(o.odsCode().value())) {
                                counts[2]++;
                            }
                        },
                        counts);
                state.setProperty(PHASE, DELETIONS);
                files.writeState(state);
            }
            counts[2] += applyDeletions();
            finish(state);
        }
        return new SyncResult(kind, resumed, counts[0], counts[1], counts[2]);
    }

    private void pages(Properties state, OdsSearch search, Consumer<Organization> store, int[] counts) {
        Set<String> followed = new HashSet<>();
        while (true) {
            String next = state.getProperty(NEXT);
            NhsRequest request = next == null
                    ? client.firstPage(search)
                    : client.nextRequest(URI.create(next), OdsClient.ORGANIZATION);
            OdsPage<Organization> page = client.organizationPage(request);
            counts[0]++;
            page.items().forEach(store);
            files.commit();
            if (page.nextLink().isEmpty()) {
                state.remove(NEXT);
                return;
            }
            String link = page.nextLink().get().toString();
            if (link.equals(next) || !followed.add(link)) {
                throw OdsClient.repeatedNextLink();
            }
            state.setProperty(NEXT, link);
            files.writeState(state);
        }
    }

    private int applyDeletions() {
        int removed = 0;
        for (DeletionList.Entry e :
                client.deletions(DeletionList.Kind.ORGANIZATION).entries()) {
            Optional<OdsCode> code = e.odsCode();
            if (code.isEmpty()) {
                continue;
            }
            Optional<Organization> stored = lookup(code.get());
            if (stored.isEmpty()) {
                continue;
            }
            Optional<LocalDate> changed = stored.get().lastChangeDate();
            boolean changedAfterDeletion = changed.isPresent()
                    && e.date().isPresent()
                    && changed.get().isAfter(e.date().get());
            if (!changedAfterDeletion && files.deleteOrganisation(code.get().value())) {
                removed++;
            }
        }
        files.commit();
        return removed;
    }

    private void finish(Properties state) {
        state.setProperty(SYNCED, state.getProperty(RUN_STARTED));
        state.setProperty(PHASE, IDLE);
        state.remove(NEXT);
        files.writeState(state);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), UK);
    }

    /**
     * Looks an organisation up in the mirror, offline.
     *
     * @param odsCode the ODS code
     * @return the organisation, when the mirror holds it
     */
    public Optional<Organization> lookup(OdsCode odsCode) {
        Objects.requireNonNull(odsCode, "odsCode");
        return files.readOrganisation(odsCode.value()).map(Organization::fromJson);
    }

    /**
     * The ODS codes the mirror holds, sorted.
     *
     * @return an unmodifiable list
     */
    public List<OdsCode> codes() {
        return files.codes().stream().map(OdsCode::of).collect(Collectors.toUnmodifiableList());
    }

    /**
     * The roles the mirror keeps.
     *
     * @return the roles; empty for a new mirror built without any
     */
    public Set<OdsRole> roles() {
        return roles;
    }

    /**
     * The day from which the last completed sync saw every change.
     *
     * @return the day, empty before the first full load completes
     */
    public Optional<LocalDate> syncedFrom() {
        return Optional.ofNullable(files.readState().getProperty(SYNCED)).map(LocalDate::parse);
    }

    /**
     * Whether a sync stopped part way and the next {@link #sync()} will resume it.
     *
     * @return {@code true} when a sync is unfinished
     */
    public boolean interrupted() {
        return !IDLE.equals(files.readState().getProperty(PHASE, IDLE));
    }

    @Override
    public String toString() {
        return "OdsMirror[" + files.directory() + ", roles "
                + roles.stream().map(OdsRole::code).sorted().toList() + "]";
    }

    /**
     * Builds an {@link OdsMirror}.
     */
    public static final class Builder {
        private Path directory;
        private OdsClient client;
        private final Set<OdsRole> roles = new LinkedHashSet<>();
        private int pageSize = 200;
        private Clock clock = Clock.systemUTC();
        private Consumer<String> beforeChange = label -> {};

        private Builder() {}

        /**
         * The directory to keep the mirror in (created when missing).
         *
         * @param value the directory
         * @return this builder
         */
        public Builder directory(Path value) {
            this.directory = Objects.requireNonNull(value, "directory");
            return this;
        }

        /**
         * The client to sync with; not needed for lookups.
         *
         * @param value the client, which the caller closes
         * @return this builder
         */
        public Builder client(OdsClient value) {
            this.client = Objects.requireNonNull(value, "client");
            return this;
        }

        /**
         * The roles to keep: organisations holding any of them. Needed for a new directory; an
         * existing one keeps the roles it was made with.
         *
         * @param values one or more roles
         * @return this builder
         */
        public Builder roles(OdsRole... values) {
            for (OdsRole r : values) {
                roles.add(Objects.requireNonNull(r, "role"));
            }
            return this;
        }

        /**
         * Organisations per page while loading (default 200): the most the mirror holds in memory.
         *
         * @param value 1 to 1,000
         * @return this builder
         * @throws NhsValidationException when out of range
         */
        public Builder pageSize(int value) {
            if (value < 1 || value > OdsSearch.MAX_PAGE_SIZE) {
                throw new NhsValidationException("pageSize", "must be 1 to " + OdsSearch.MAX_PAGE_SIZE);
            }
            this.pageSize = value;
            return this;
        }

        /**
         * The clock that dates each sync (default the system clock).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** A test hook called before each file is replaced or deleted; throwing simulates a crash. */
        Builder beforeChange(Consumer<String> value) {
            this.beforeChange = Objects.requireNonNull(value, "beforeChange");
            return this;
        }

        /**
         * Opens the mirror, removing temporary files an earlier crash left.
         *
         * @return the mirror
         * @throws NhsConfigurationException when no directory is set, or the directory holds a
         *     mirror of other roles
         */
        public OdsMirror build() {
            if (directory == null) {
                throw new NhsConfigurationException("the mirror needs a directory");
            }
            return new OdsMirror(this);
        }
    }
}
