package uk.nhs.sdk.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The example service. The SDK's starter creates the PDS and MESH clients from {@code nhs.*} in
 * {@code application.yaml}; this class only starts Spring.
 */
@SpringBootApplication
public class ExampleApplication {
    /** Created by Spring. */
    public ExampleApplication() {
        // nothing to set up
    }

    /**
     * Starts the service.
     *
     * @param args Spring Boot's command-line arguments, such as {@code --server.port=9090}
     */
    public static void main(String[] args) {
        SpringApplication.run(ExampleApplication.class, args);
    }
}
