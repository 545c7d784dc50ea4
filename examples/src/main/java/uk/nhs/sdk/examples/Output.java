package uk.nhs.sdk.examples;

import java.io.PrintWriter;
import java.util.Objects;
import picocli.CommandLine.Model.CommandSpec;
import uk.nhs.sdk.examples.internal.Json;

/**
 * Prints a command's result as text or as JSON, per {@code --output}. In JSON mode only the JSON
 * reaches stdout.
 */
public final class Output {
    private final PrintWriter out;
    private final OutputFormat format;

    /**
     * Creates the printer.
     *
     * @param out standard output
     * @param format the format
     */
    public Output(PrintWriter out, OutputFormat format) {
        this.out = Objects.requireNonNull(out, "out");
        this.format = Objects.requireNonNull(format, "format");
    }

    /**
     * The printer a command's {@code --output} asks for, on the command's stdout.
     *
     * @param spec the running command
     * @param common its common options
     * @return the printer
     */
    public static Output of(CommandSpec spec, CommonOptions common) {
        return new Output(spec.commandLine().getOut(), common.output());
    }

    /**
     * Whether JSON was asked for.
     *
     * @return {@code true} for JSON
     */
    public boolean json() {
        return format == OutputFormat.JSON;
    }

    /**
     * Prints a line in text mode; nothing in JSON mode.
     *
     * @param line the line
     */
    public void text(String line) {
        if (!json()) {
            out.println(line);
        }
    }

    /**
     * Prints a value as JSON in JSON mode; nothing in text mode.
     *
     * @param value a map, list, string, number or boolean (or any value Jackson writes)
     */
    public void jsonValue(Object value) {
        if (json()) {
            out.println(Json.write(value));
        }
    }

    /**
     * Prints JSON text as it is, in JSON mode; nothing in text mode.
     *
     * @param jsonText the JSON
     */
    public void jsonText(String jsonText) {
        if (json()) {
            out.println(jsonText);
        }
    }

    /**
     * Flushes stdout.
     */
    public void flush() {
        out.flush();
    }
}
