/**
 * The embedded NHS sandbox: stateful fakes of the national services for tests and offline
 * prototypes ({@link uk.nhs.sdk.testkit.NhsSandbox}), and a JUnit 5 extension
 * ({@link uk.nhs.sdk.testkit.NhsSandboxExtension}).
 */
package uk.nhs.sdk.testkit;
