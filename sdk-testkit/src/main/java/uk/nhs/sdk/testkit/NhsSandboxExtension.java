package uk.nhs.sdk.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts one {@link NhsSandbox} per test class, resets it before each test
 * and stops it after the class. Test methods, constructors and lifecycle methods receive it as a
 * parameter.
 *
 * <pre>{@code
 * @ExtendWith(NhsSandboxExtension.class)
 * class PdsTest {
 *     @Test
 *     void retrieves(NhsSandbox sandbox) { ... }
 * }
 * }</pre>
 */
public final class NhsSandboxExtension implements BeforeEachCallback, AfterAllCallback, ParameterResolver {
    private static final String KEY = "sandbox";
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(NhsSandboxExtension.class);

    /**
     * Creates the extension (JUnit does this).
     */
    public NhsSandboxExtension() {}

    @Override
    public void beforeEach(ExtensionContext context) {
        sandbox(context).reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        NhsSandbox sandbox = context.getStore(NAMESPACE).remove(KEY, NhsSandbox.class);
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == NhsSandbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return sandbox(extensionContext);
    }

    private static NhsSandbox sandbox(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent()
                && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(KEY, k -> NhsSandbox.start(), NhsSandbox.class);
    }
}
