package uk.nhs.sdk.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SDK's configuration under {@code nhs.*}, bound by Spring Boot from {@code application.yaml},
 * system properties or the environment (relaxed binding: {@code NHS_MESH_PASSWORD} sets
 * {@code nhs.mesh.password}).
 */
@ConfigurationProperties(prefix = NhsProperties.PREFIX)
public class NhsProperties {
    /** The prefix of every property of the SDK. */
    public static final String PREFIX = "nhs";

    /**
     * The NHS environment every service uses unless it sets its own base URL: one of sandbox,
     * integration, production (or their other names that NhsEnvironment accepts).
     */
    private String environment;

    /** Creates the properties with their defaults. */
    public NhsProperties() {
        // defaults are the field initialisers
    }

    /**
     * The NHS environment's name.
     *
     * @return the name, or {@code null} when not set
     */
    public String getEnvironment() {
        return environment;
    }

    /**
     * Sets the NHS environment's name.
     *
     * @param environment the name
     */
    public void setEnvironment(String environment) {
        this.environment = environment;
    }
}
