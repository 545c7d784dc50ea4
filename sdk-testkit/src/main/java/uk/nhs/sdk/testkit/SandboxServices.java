package uk.nhs.sdk.testkit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.testkit.internal.Fake;
import uk.nhs.sdk.testkit.internal.SandboxContext;
import uk.nhs.sdk.testkit.spi.SandboxFake;
import uk.nhs.sdk.testkit.spi.SandboxService;

/**
 * Finds the sandbox's services with {@link ServiceLoader}, through the thread's context class
 * loader and the testkit's own, and puts them in their {@link SandboxService#order()}.
 */
final class SandboxServices {
    private SandboxServices() {}

    /**
     * The registered services, in order.
     *
     * @return the services; unmodifiable
     * @throws NhsConfigurationException when two share a name or a base path is malformed
     */
    static List<SandboxService> discover() {
        Map<String, SandboxService> byClass = new LinkedHashMap<>();
        for (ClassLoader loader : loaders()) {
            for (SandboxService s : ServiceLoader.load(SandboxService.class, loader)) {
                byClass.putIfAbsent(s.getClass().getName(), s);
            }
        }
        List<SandboxService> services = new ArrayList<>(byClass.values());
        services.sort(Comparator.comparingInt(SandboxService::order).thenComparing(SandboxService::name));
        Set<String> names = new HashSet<>();
        for (SandboxService s : services) {
            String name = s.name();
            if (name == null || name.isBlank() || !names.add(name)) {
                throw new NhsConfigurationException("each sandbox service needs a unique name: "
                        + s.getClass().getName());
            }
            String path = s.basePath();
            if (path == null || !(path.isEmpty() || path.startsWith("/") && !path.endsWith("/"))) {
                throw new NhsConfigurationException("a sandbox service's base path is empty or starts with / and "
                        + "does not end with one: " + s.getClass().getName());
            }
        }
        return List.copyOf(services);
    }

    /**
     * Creates a service's fake for a sandbox.
     *
     * @param service the service
     * @param context the sandbox's context
     * @return the fake, which the sandbox can route requests to
     * @throws NhsConfigurationException when the fake cannot handle requests
     */
    static Fake create(SandboxService service, SandboxContext context) {
        SandboxFake fake = service.create(context);
        if (!(fake instanceof Fake)) {
            throw new NhsConfigurationException("the sandbox cannot route requests to the fake of "
                    + service.getClass().getName());
        }
        return (Fake) fake;
    }

    private static List<ClassLoader> loaders() {
        List<ClassLoader> loaders = new ArrayList<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            loaders.add(context);
        }
        ClassLoader own = SandboxServices.class.getClassLoader();
        if (own != null && own != context) {
            loaders.add(own);
        }
        return loaders;
    }
}
