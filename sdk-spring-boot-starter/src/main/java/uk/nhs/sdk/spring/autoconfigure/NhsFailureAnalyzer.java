package uk.nhs.sdk.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import uk.nhs.sdk.spring.NhsPropertyException;

/**
 * Turns a start-up failure caused by an {@code nhs.*} property into Spring Boot's "APPLICATION
 * FAILED TO START" report: the property and what is wrong with it, and what to do. Neither holds
 * the property's value.
 */
public class NhsFailureAnalyzer extends AbstractFailureAnalyzer<NhsPropertyException> {
    /** Created by Spring Boot from {@code META-INF/spring.factories}. */
    public NhsFailureAnalyzer() {
        // nothing to set up
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NhsPropertyException cause) {
        return new FailureAnalysis(
                "The NHS SDK's configuration is invalid: " + cause.getMessage(), cause.action(), cause);
    }
}
