package uk.nhs.sdk.testkit.internal.mesh;

import java.util.function.Predicate;

/**
 * The inbox's {@code workflow_filter}: {@code W} equals, {@code !W} not equal, {@code W*} begins
 * with, {@code !W*} does not begin with, {@code *W*} contains, {@code !*W*} does not contain.
 */
final class WorkflowFilter {
    private WorkflowFilter() {}

    static Predicate<MeshMessage> parse(String filter) {
        String f = filter.strip();
        boolean not = f.startsWith("!");
        if (not) {
            f = f.substring(1);
        }
        Predicate<String> test;
        if (f.startsWith("*")) {
            String part = f.endsWith("*") && f.length() > 1 ? f.substring(1, f.length() - 1) : f.substring(1);
            test = w -> w.contains(part);
        } else if (f.endsWith("*")) {
            String prefix = f.substring(0, f.length() - 1);
            test = w -> w.startsWith(prefix);
        } else {
            String exact = f;
            test = exact::equals;
        }
        Predicate<String> wanted = not ? test.negate() : test;
        return m -> wanted.test(m.headers.workflowId());
    }
}
