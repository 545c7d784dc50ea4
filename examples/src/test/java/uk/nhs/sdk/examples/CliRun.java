package uk.nhs.sdk.examples;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs the tool in-process and keeps what it printed.
 */
public final class CliRun {
    /** The exit status. */
    public final int status;
    /** What went to stdout. */
    public final String out;
    /** What went to stderr. */
    public final String err;

    private CliRun(int status, String out, String err) {
        this.status = status;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs {@code nhs args...}.
     *
     * @param args the command line
     * @return the result
     */
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = NhsCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(status, out.toString(), err.toString());
    }
}
