package uk.nhs.sdk.examples;

/**
 * A command line that cannot be run as given (a missing credential, an option that needs
 * another); the tool exits with status 2.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what to fix, free of secrets and patient data
     */
    public UsageException(String message) {
        super(message);
    }
}
