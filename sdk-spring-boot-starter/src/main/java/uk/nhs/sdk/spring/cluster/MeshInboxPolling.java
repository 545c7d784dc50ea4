package uk.nhs.sdk.spring.cluster;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import uk.nhs.sdk.messaging.mesh.MeshInboxPoller;

/**
 * The starter's MESH inbox poller as a Spring lifecycle bean: started with the application context
 * on a thread of its own ({@code nhs-mesh-inbox-MAILBOX}), stopped when the context closes (the
 * message being handled is finished first, up to {@code nhs.mesh.inbox.shutdown-timeout}). It
 * starts after, and stops before, every other lifecycle bean.
 *
 * <p>Created by {@link NhsClusterAutoConfiguration} when {@code nhs.mesh.inbox.enabled} is true.
 */
public final class MeshInboxPolling implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(MeshInboxPolling.class);

    private final Supplier<MeshInboxPoller> pollers;
    private final String mailbox;
    private final boolean clusterLocked;
    private final Duration shutdownTimeout;
    private MeshInboxPoller poller;
    private Thread thread;

    MeshInboxPolling(
            Supplier<MeshInboxPoller> pollers, String mailbox, boolean clusterLocked, Duration shutdownTimeout) {
        this.pollers = Objects.requireNonNull(pollers, "pollers");
        this.mailbox = mailbox;
        this.clusterLocked = clusterLocked;
        this.shutdownTimeout = shutdownTimeout;
        this.poller = pollers.get();
    }

    /**
     * The poller (for {@link MeshInboxPoller#tryPoll()} outside the schedule, for example).
     *
     * @return the current poller
     */
    public synchronized MeshInboxPoller poller() {
        return poller;
    }

    /**
     * The mailbox polled.
     *
     * @return the mailbox id
     */
    public String mailbox() {
        return mailbox;
    }

    /**
     * Whether polls take a lock shared by the replicas.
     *
     * @return {@code false} when this instance polls alone
     */
    public boolean isClusterLocked() {
        return clusterLocked;
    }

    @Override
    public synchronized void start() {
        if (thread != null && thread.isAlive()) {
            return;
        }
        if (poller.isStopped()) {
            poller = pollers.get();
        }
        MeshInboxPoller running = poller;
        thread = new Thread(running::run, "nhs-mesh-inbox-" + mailbox);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        Thread running;
        synchronized (this) {
            poller.stop();
            running = thread;
        }
        if (running == null) {
            return;
        }
        try {
            running.join(Math.max(1, shutdownTimeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (running.isAlive()) {
            LOG.warn(
                    "MESH inbox {}: the poller was still handling a message after {}; it stops after that message",
                    mailbox,
                    shutdownTimeout);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null && thread.isAlive() && !poller.isStopped();
    }

    @Override
    public String toString() {
        return "MeshInboxPolling[" + mailbox + (clusterLocked ? ", cluster-locked" : ", alone") + "]";
    }
}
