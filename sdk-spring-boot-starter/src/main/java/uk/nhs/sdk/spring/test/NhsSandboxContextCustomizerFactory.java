package uk.nhs.sdk.spring.test;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives a test class annotated with {@link NhsSandboxTest} the customizer that starts the sandbox
 * and points the clients at it. Registered in {@code META-INF/spring.factories}.
 */
public class NhsSandboxContextCustomizerFactory implements ContextCustomizerFactory {
    /** Created by the Spring TestContext Framework. */
    public NhsSandboxContextCustomizerFactory() {
        // nothing to set up
    }

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        if (TestContextAnnotationUtils.findMergedAnnotation(testClass, NhsSandboxTest.class) == null) {
            return null;
        }
        return new NhsSandboxContextCustomizer();
    }
}
