/**
 * JMH benchmarks of the SDK; run them with {@code mvn -P benchmarks} as the module's README says.
 */
package uk.nhs.sdk.benchmarks;
