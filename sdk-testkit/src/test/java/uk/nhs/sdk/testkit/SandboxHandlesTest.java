package uk.nhs.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sandbox and its handles on the fakes ({@code SandboxFoo.of(sandbox)}, {@code cis2()},
 * {@code meshMailboxes()}) hand out no type of the testkit's internal packages: a test drives a fake
 * only through a handle's own methods.
 */
class SandboxHandlesTest {
    private static final List<Class<?>> HANDLES = List.of(
            NhsSandbox.class,
            NhsSandbox.Builder.class,
            SandboxNotify.class,
            SandboxNotify.Delivery.class,
            SandboxOds.class,
            SandboxIdentityProvider.class,
            SandboxMeshMailbox.class);

    @Test
    void noPublicMemberOfAHandleMentionsAnInternalType() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> handle : HANDLES) {
            for (Method m : handle.getMethods()) {
                check(leaks, handle, m.getName(), m.getGenericReturnType());
                for (Type p : m.getGenericParameterTypes()) {
                    check(leaks, handle, m.getName(), p);
                }
            }
            for (Constructor<?> c : handle.getConstructors()) {
                for (Type p : c.getGenericParameterTypes()) {
                    check(leaks, handle, "<init>", p);
                }
            }
            for (Field f : handle.getFields()) {
                check(leaks, handle, f.getName(), f.getGenericType());
            }
        }

        assertThat(leaks).isEmpty();
    }

    @Test
    void theHandlesOnTheFakesAreFinalClassesWithoutPublicConstructors() {
        for (Class<?> handle : List.of(SandboxNotify.class, SandboxOds.class)) {
            assertThat(Modifier.isFinal(handle.getModifiers()))
                    .as(handle.getSimpleName())
                    .isTrue();
            assertThat(handle.getConstructors()).as(handle.getSimpleName()).isEmpty();
        }
    }

    private static void check(List<String> leaks, Class<?> handle, String member, Type type) {
        if (type.getTypeName().contains("uk.nhs.sdk.testkit.internal.")) {
            leaks.add(handle.getSimpleName() + "." + member + ": " + type.getTypeName());
        }
    }
}
