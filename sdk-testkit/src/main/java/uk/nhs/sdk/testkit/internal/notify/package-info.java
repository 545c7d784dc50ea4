/**
 * The embedded sandbox's fake of the NHS Notify API: messages and batches with their status
 * changes over the sandbox clock, NHS App accounts pages, and signed status callbacks. Internal:
 * tests reach it through {@link uk.nhs.sdk.testkit.SandboxNotify}.
 */
package uk.nhs.sdk.testkit.internal.notify;
