/**
 * Spring Boot support for the NHS SDK: the {@code nhs.*} configuration properties, and (in
 * {@code uk.nhs.sdk.spring.autoconfigure}) the auto-configuration that turns them into clients.
 */
package uk.nhs.sdk.spring;
