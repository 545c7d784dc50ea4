package uk.nhs.sdk.testkit;

import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The faults queued on a sandbox: each applies to the next requests whose method and path match,
 * as many times as asked, then is gone. {@link NhsSandbox#reset()} clears them.
 */
public final class SandboxFaults {
    private final ConcurrentLinkedQueue<Rule> rules = new ConcurrentLinkedQueue<>();
    private final CopyOnWriteArrayList<RequestCount> counts = new CopyOnWriteArrayList<>();

    SandboxFaults() {}

    /**
     * Injects a fault into the next matching request.
     *
     * @param method the HTTP method, such as {@code PATCH}
     * @param pathRegex a regular expression the whole path (without query) must match
     * @param fault the fault
     */
    public void injectNext(String method, String pathRegex, SandboxFault fault) {
        inject(method, pathRegex, fault, 1);
    }

    /**
     * Injects a fault into the next {@code times} matching requests.
     *
     * @param method the HTTP method
     * @param pathRegex a regular expression the whole path must match
     * @param fault the fault
     * @param times how many requests, at least 1
     */
    public void inject(String method, String pathRegex, SandboxFault fault, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        rules.add(new Rule(
                Objects.requireNonNull(method, "method"),
                Pattern.compile(pathRegex),
                Objects.requireNonNull(fault, "fault"),
                times));
    }

    /**
     * Starts counting the requests the sandbox receives whose method and path match, whether or
     * not a fault meets them: the server's own count of a client's attempts (retries the client's
     * HTTP library makes on its own included). Close the count to stop it.
     *
     * @param method the HTTP method
     * @param pathRegex a regular expression the whole path (without query) must match
     * @return the count, from 0
     */
    public RequestCount countRequests(String method, String pathRegex) {
        RequestCount c = new RequestCount(Objects.requireNonNull(method, "method"), Pattern.compile(pathRegex));
        counts.add(c);
        return c;
    }

    /**
     * How many injections are still waiting for a matching request: a test that injected a fault
     * checks this is 0 afterwards, to know its request met the fault.
     *
     * @return the number of requests the queued faults will still apply to
     */
    public synchronized int pending() {
        int n = 0;
        for (Rule r : rules) {
            n += r.remaining;
        }
        return n;
    }

    /**
     * Removes every queued fault.
     */
    public void clear() {
        rules.clear();
    }

    /**
     * Takes the fault for a request, counting it as used.
     *
     * @param method the request's method
     * @param path the request's path
     * @return the fault, if one matches
     */
    synchronized Optional<SandboxFault> take(String method, String path) {
        for (RequestCount c : counts) {
            if (c.method.equalsIgnoreCase(method) && c.path.matcher(path).matches()) {
                c.count.incrementAndGet();
            }
        }
        Iterator<Rule> it = rules.iterator();
        while (it.hasNext()) {
            Rule r = it.next();
            if (r.method.equalsIgnoreCase(method) && r.path.matcher(path).matches()) {
                if (--r.remaining <= 0) {
                    it.remove();
                }
                return Optional.of(r.fault);
            }
        }
        return Optional.empty();
    }

    /** A count of the requests that match a method and path, from {@link #countRequests}. */
    public final class RequestCount implements AutoCloseable {
        private final String method;
        private final Pattern path;
        private final AtomicInteger count = new AtomicInteger();

        private RequestCount(String method, Pattern path) {
            this.method = method;
            this.path = path;
        }

        /**
         * The matching requests received so far.
         *
         * @return the count
         */
        public int get() {
            return count.get();
        }

        /** Stops counting. */
        @Override
        public void close() {
            counts.remove(this);
        }

        @Override
        public String toString() {
            return "RequestCount[" + method + " " + path + ": " + count.get() + "]";
        }
    }

    private static final class Rule {
        final String method;
        final Pattern path;
        final SandboxFault fault;
        int remaining;

        Rule(String method, Pattern path, SandboxFault fault, int remaining) {
            this.method = method;
            this.path = path;
            this.fault = fault;
            this.remaining = remaining;
        }
    }
}
