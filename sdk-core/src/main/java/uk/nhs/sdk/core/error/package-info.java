/**
 * The SDK's exceptions: all unchecked, all under {@link uk.nhs.sdk.core.error.NhsSdkException}.
 *
 * <p>No message in this package ever contains a response body, OperationOutcome
 * {@code diagnostics} text, patient data or a secret.
 */
package uk.nhs.sdk.core.error;
