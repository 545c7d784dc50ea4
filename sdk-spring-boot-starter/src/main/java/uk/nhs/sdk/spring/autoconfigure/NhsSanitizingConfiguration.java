package uk.nhs.sdk.spring.autoconfigure;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Masks the {@code nhs.*} secrets in the actuator's {@code env} and {@code configprops}
 * endpoints even where an application shows their values ({@code show-values: always} or
 * {@code when-authorized}): Spring Boot masks nothing by name then, so {@code nhs.api-key},
 * {@code nhs.private-key}, {@code nhs.mesh.password}, {@code nhs.mesh.shared-key} and
 * {@code nhs.mesh.tls.client-key} (and their environment-variable forms) would show in clear.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = NhsSanitizingConfiguration.SANITIZING_FUNCTION)
class NhsSanitizingConfiguration {
    static final String SANITIZING_FUNCTION = "org.springframework.boot.actuate.endpoint.SanitizingFunction";

    /** The last words of a secret property's name, lower case without separators. */
    private static final List<String> SECRETS = List.of("apikey", "privatekey", "password", "sharedkey", "clientkey");

    @Bean
    SanitizingFunction nhsSecretsSanitizingFunction() {
        return NhsSanitizingConfiguration::sanitize;
    }

    static SanitizableData sanitize(SanitizableData data) {
        return isSecret(data.getKey()) ? data.withSanitizedValue() : data;
    }

    /**
     * Whether a key names an {@code nhs.*} secret: {@code nhs.mesh.shared-key} in {@code env},
     * {@code NHS_MESH_SHARED_KEY} from the environment, or a leaf such as {@code sharedKey} in
     * {@code configprops}.
     */
    static boolean isSecret(String key) {
        if (key == null) {
            return false;
        }
        String k = key.toLowerCase(Locale.ROOT).replace("-", "").replace('_', '.');
        String[] words = k.split("\\.");
        boolean nhs = words.length > 1 && words[0].equals("nhs");
        if (!nhs && words.length > 1) {
            return false;
        }
        String last = words[words.length - 1];
        String lastTwo = words.length > 1 ? words[words.length - 2] + last : last;
        return SECRETS.contains(last) || nhs && SECRETS.contains(lastTwo);
    }
}
