package uk.nhs.sdk.examples.number;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.examples.CommonOptions;
import uk.nhs.sdk.examples.Output;

/**
 * {@code nhs number check|format|generate}: the NHS number's Modulus 11 rules, offline.
 */
@Command(
        name = "number",
        mixinStandardHelpOptions = true,
        description = "Check, format and generate NHS numbers (offline).",
        subcommands = {NumberCommand.Check.class, NumberCommand.Format.class, NumberCommand.Generate.class})
public final class NumberCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /**
     * Creates the command (picocli does this).
     */
    public NumberCommand() {}

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code nhs number check NUMBER}: exit 0 when valid, 1 with the reason when not. */
    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = "Is it a valid NHS number, and if not why (exit status 1 when not).")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "NUMBER", description = "Ten digits, optionally grouped 3-3-4 with spaces or dashes.")
        String number;

        @Override
        public Integer call() {
            Output out = Output.of(spec, common);
            Optional<String> reason = NhsNumber.invalidReason(number);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("number", number);
            result.put("valid", reason.isEmpty());
            result.put("reason", reason.orElse(null));
            out.jsonValue(result);
            if (reason.isEmpty()) {
                NhsNumber n = NhsNumber.parse(number);
                out.text(n.formatted() + " is a valid NHS number" + (n.isTestNumber() ? " (test range)" : ""));
                return 0;
            }
            out.text("not a valid NHS number: " + reason.get());
            return 1;
        }
    }

    /** {@code nhs number format NUMBER}: the 3-3-4 display form. */
    @Command(name = "format", mixinStandardHelpOptions = true, description = "Print the number in 3-3-4 format.")
    static final class Format implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "NUMBER", description = "A valid NHS number.")
        String number;

        @Override
        public Integer call() {
            Output out = Output.of(spec, common);
            NhsNumber n = NhsNumber.parse(number);
            out.text(n.formatted());
            out.jsonValue(Map.of("number", n.value(), "formatted", n.formatted()));
            return 0;
        }
    }

    /** {@code nhs number generate [--count N] [--seed S]}: valid numbers in the test range. */
    @Command(
            name = "generate",
            mixinStandardHelpOptions = true,
            description = "Generate valid NHS numbers in the test range (first digit 9, never issued).")
    static final class Generate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Option(names = "--count", defaultValue = "1", description = "How many (1-1000, default 1).")
        int count;

        @Option(names = "--seed", description = "Seed, for a repeatable list.")
        Long seed;

        @Override
        public Integer call() {
            if (count < 1 || count > 1000) {
                throw new NhsValidationException("count", "must be 1 to 1000");
            }
            Output out = Output.of(spec, common);
            Random random = seed == null ? new SecureRandom() : new Random(seed);
            List<String> numbers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String n = NhsNumber.randomTestNumber(random).value();
                numbers.add(n);
                out.text(n);
            }
            out.jsonValue(numbers);
            return 0;
        }
    }
}
