package uk.nhs.sdk.examples;

/**
 * How a command prints its result.
 */
public enum OutputFormat {
    /** Readable lines. */
    TEXT,
    /** The service's resource or the result as JSON on stdout, nothing else. */
    JSON
}
