package uk.nhs.sdk.core.internal.http;

import java.util.List;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.core.http.PipelineNext;
import uk.nhs.sdk.core.http.PipelinePolicy;

/**
 * Runs a list of policies in order, each one handing on to the next. A {@link PipelineNext} may be
 * called more than once (the retry step calls the per-attempt chain once per attempt). Internal.
 */
final class PolicyChain {
    /** A named policy; the name is what {@code pipelineSteps()} lists. */
    record Step(String name, PipelinePolicy policy) {
    }

    private final Step[] steps;

    PolicyChain(List<Step> steps) {
        this.steps = steps.toArray(new Step[0]);
    }

    NhsResponse run(CallState call) {
        return new Cursor(call, 0).process();
    }

    List<Step> steps() {
        return List.of(steps);
    }

    private final class Cursor implements PipelineNext {
        private final CallState call;
        private final int index;

        Cursor(CallState call, int index) {
            this.call = call;
            this.index = index;
        }

        @Override
        public NhsResponse process() {
            if (index >= steps.length) {
                throw new IllegalStateException("the pipeline's last step must not call next");
            }
            return steps[index].policy().process(call, new Cursor(call, index + 1));
        }
    }
}
