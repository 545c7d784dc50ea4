/**
 * The {@code nhs} command-line tool: its root command, the options every service command
 * shares, and how a command finds its target (embedded sandbox, public sandbox, INT, live).
 */
package uk.nhs.sdk.examples;
