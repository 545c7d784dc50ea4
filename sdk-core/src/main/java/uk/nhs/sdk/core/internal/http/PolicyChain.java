package uk.nhs.sdk.core.internal.http;

import java.util.List;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.core.http.PipelineNext;
import uk.nhs.sdk.core.http.PipelinePolicy;

/**
 * Runs a list of policies in order, each one handing on to the next. It holds every policy to the
 * {@link PipelinePolicy} contract: a policy's {@link PipelineNext} runs at most once (only the retry
 * step's may run again, once per attempt), so a policy cannot send a request twice behind the
 * retry step's back; and a policy must return a response, not {@code null}. A policy that breaks
 * either rule ends the call with {@link NhsConfigurationException}. Internal.
 */
final class PolicyChain {
    /**
     * A named policy; the name is what {@code pipelineSteps()} lists.
     *
     * @param name the step's name
     * @param policy the policy
     * @param repeatsNext whether the policy may run the rest of the chain more than once (the retry step)
     */
    record Step(String name, PipelinePolicy policy, boolean repeatsNext) {
        Step(String name, PipelinePolicy policy) {
            this(name, policy, false);
        }
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
        private boolean used;

        Cursor(CallState call, int index) {
            this.call = call;
            this.index = index;
        }

        @Override
        public NhsResponse process() {
            if (index >= steps.length) {
                throw new IllegalStateException("the pipeline's last step must not call next");
            }
            if (used && index > 0 && !steps[index - 1].repeatsNext()) {
                throw new NhsConfigurationException("pipeline policy " + steps[index - 1].name()
                        + " called next more than once: a policy must call PipelineNext.process() at most once");
            }
            used = true;
            Step step = steps[index];
            NhsResponse response = step.policy().process(call, new Cursor(call, index + 1));
            if (response == null) {
                throw new NhsConfigurationException(
                        "pipeline policy " + step.name() + " returned null: a policy must return a response or throw");
            }
            return response;
        }
    }
}
