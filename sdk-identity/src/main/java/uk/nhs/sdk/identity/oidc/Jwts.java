package uk.nhs.sdk.identity.oidc;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;

/** Reads JWT claims without verification, for local decisions only. Internal. */
final class Jwts {
    private Jwts() {}

    static Optional<Map<String, Object>> unverifiedClaims(String compact) {
        try {
            JWT jwt = JWTParser.parse(compact);
            return Optional.of(jwt.getJWTClaimsSet().toJSONObject());
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
