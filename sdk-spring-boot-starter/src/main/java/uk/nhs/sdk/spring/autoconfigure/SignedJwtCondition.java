package uk.nhs.sdk.spring.autoconfigure;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the application configured signed-JWT auth: {@code nhs.key-id},
 * {@code nhs.private-key} or {@code nhs.private-key-file} is set. The rest is then required, and
 * its absence fails the start naming the property.
 */
final class SignedJwtCondition implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment env = context.getEnvironment();
        return set(env, "nhs.key-id") || set(env, "nhs.private-key") || set(env, "nhs.private-key-file");
    }

    private static boolean set(Environment env, String property) {
        String value = env.getProperty(property);
        return value != null && !value.isBlank();
    }
}
