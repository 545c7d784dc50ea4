package uk.nhs.sdk.examples;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import uk.nhs.sdk.examples.demo.DemoStep;

/**
 * Finds the tool's {@link CliModule}s with {@link ServiceLoader}, through the thread's context
 * class loader and the tool's own, in their order.
 */
final class CliModules {
    private CliModules() {}

    /**
     * The registered modules, in order.
     *
     * @return the modules; unmodifiable
     */
    static List<CliModule> discover() {
        Map<String, CliModule> byClass = new LinkedHashMap<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader own = CliModules.class.getClassLoader();
        for (ClassLoader loader : context == null || context == own ? List.of(own) : List.of(context, own)) {
            for (CliModule m : ServiceLoader.load(CliModule.class, loader)) {
                byClass.putIfAbsent(m.getClass().getName(), m);
            }
        }
        List<CliModule> modules = new ArrayList<>(byClass.values());
        modules.sort(Comparator.comparingInt(CliModule::order)
                .thenComparing(m -> m.getClass().getName()));
        return List.copyOf(modules);
    }

    /**
     * The demo tour: every module's steps, in module order.
     *
     * @param modules the modules, in order
     * @return the steps; unmodifiable
     */
    static List<DemoStep> demoSteps(List<CliModule> modules) {
        List<DemoStep> steps = new ArrayList<>();
        for (CliModule m : modules) {
            steps.addAll(m.demoSteps());
        }
        return List.copyOf(steps);
    }
}
