package io.iocstream.github.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulator's side of GitHub App authentication: checks a JWT as GitHub does (RS256 signature against the App's
 * public key, {@code iss} the App, {@code exp} in the future and at most ten minutes ahead), mints installation
 * tokens that expire, and tells which tokens a request may use. Thread-safe.
 */
final class InstallationTokenIssuer {

    /** GitHub refuses a JWT whose {@code exp} is further ahead than this. */
    static final Duration MAX_JWT_LIFETIME = Duration.ofMinutes(10);
    /** Clock drift tolerated between the client's {@code iat}/{@code exp} and the simulator's clock. */
    private static final Duration DRIFT = Duration.ofSeconds(30);
    private static final String TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** A token minted for an installation, and when it stops being accepted. */
    record Issued(String token, long installationId, Instant expiresAt) {}

    private final SimulatorAuth auth;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();

    InstallationTokenIssuer(SimulatorAuth auth, Clock clock) {
        this.auth = auth;
        this.clock = clock;
    }

    /** Whether {@code POST /app/installations/ID/access_tokens} is served at all: only with an App configured. */
    boolean servesApp() {
        return auth.appKey() != null;
    }

    /** Whether a request without an accepted token is answered 401. */
    boolean required() {
        return auth.required();
    }

    /**
     * A new installation token for {@code installationId}, bought with the JWT in {@code authorization}.
     *
     * @throws Refused with GitHub's message when the JWT is not the App's or no longer good
     */
    Issued issue(String authorization, long installationId) throws Refused {
        Instant now = clock.instant();
        checkJwt(authorization, now);
        // expired tokens are forgotten here, so a long run keeps only the live ones
        issued.values().removeIf(token -> !now.isBefore(token.expiresAt()));
        // whole seconds, as expires_at is written: the client and the simulator agree on the moment
        Issued token = new Issued(newToken(), installationId,
                now.plus(auth.tokenLifetime()).truncatedTo(ChronoUnit.SECONDS));
        issued.put(token.token(), token);
        return token;
    }

    /**
     * Checks the App's JWT in {@code authorization}, as GitHub does for the App's own endpoints ({@code /app/...}).
     *
     * @throws Refused with GitHub's message when the JWT is not the App's or no longer good
     */
    void checkJwt(String authorization) throws Refused {
        if (!servesApp()) {
            throw new Refused("A JSON web token could not be decoded");
        }
        checkJwt(authorization, clock.instant());
    }

    private void checkJwt(String authorization, Instant now) throws Refused {
        JsonNode claims = verifiedClaims(bearer(authorization));
        JsonNode iss = claims.path("iss");
        if (!(iss.isTextual() || iss.isIntegralNumber()) || !iss.asText().equals(auth.appId())) {
            throw new Refused("'Issuer' claim ('iss') must be the App's id");
        }
        JsonNode exp = claims.path("exp");
        JsonNode iat = claims.path("iat");
        if (!exp.isIntegralNumber() || !now.isBefore(Instant.ofEpochSecond(exp.asLong()))) {
            throw new Refused("'Expiration time' claim ('exp') must be a numeric value representing the future "
                    + "time at which the assertion expires");
        }
        if (Instant.ofEpochSecond(exp.asLong()).isAfter(now.plus(MAX_JWT_LIFETIME).plus(DRIFT))) {
            throw new Refused("'Expiration time' claim ('exp') is too far in the future");
        }
        if (!iat.isIntegralNumber() || Instant.ofEpochSecond(iat.asLong()).isAfter(now.plus(DRIFT))) {
            throw new Refused("'Issued at' claim ('iat') must be an Integer representing the time that the "
                    + "assertion was issued");
        }
    }

    /** Whether a request with this {@code Authorization} header may be served. */
    boolean accepts(String authorization) {
        String token = bearer(authorization);
        if (token == null) {
            return false;
        }
        if (token.equals(auth.staticToken())) {
            return true;
        }
        Issued minted = issued.get(token);
        return minted != null && clock.instant().isBefore(minted.expiresAt());
    }

    /** Whether the header carries an installation token this simulator minted and that is still good: an App's. */
    boolean isInstallationToken(String authorization) {
        String token = bearer(authorization);
        Issued minted = token == null ? null : issued.get(token);
        return minted != null && clock.instant().isBefore(minted.expiresAt());
    }

    /** Forgets every token minted so far, as revoking them on GitHub would: clients must mint new ones. */
    void revokeAll() {
        issued.clear();
    }

    private JsonNode verifiedClaims(String jwt) throws Refused {
        String[] parts = jwt == null ? new String[0] : jwt.split("\\.", -1);
        if (parts.length != 3) {
            throw new Refused("A JSON web token could not be decoded");
        }
        try {
            Base64.Decoder base64url = Base64.getUrlDecoder();
            JsonNode header = json.readTree(base64url.decode(parts[0]));
            if (!"RS256".equals(header.path("alg").asText())) {
                throw new Refused("A JSON web token could not be decoded");
            }
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(auth.appKey());
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rs256.verify(base64url.decode(parts[2]))) {
                throw new Refused("A JSON web token could not be decoded");
            }
            JsonNode claims = json.readTree(base64url.decode(parts[1]));
            if (claims == null || !claims.isObject()) {
                throw new Refused("A JSON web token could not be decoded");
            }
            return claims;
        } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
            throw new Refused("A JSON web token could not be decoded");
        }
    }

    /** The credential of a {@code Bearer X} or {@code token X} header, or null. */
    private static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String[] scheme = authorization.trim().split("\\s+", 2);
        return scheme.length == 2 && (scheme[0].equalsIgnoreCase("bearer") || scheme[0].equalsIgnoreCase("token"))
                ? scheme[1] : null;
    }

    // shaped like GitHub's installation tokens: ghs_ and 36 letters and digits
    private String newToken() {
        StringBuilder token = new StringBuilder("ghs_");
        for (int i = 0; i < 36; i++) {
            token.append(TOKEN_CHARS.charAt(random.nextInt(TOKEN_CHARS.length())));
        }
        return token.toString();
    }

    /** A JWT GitHub would refuse, with the message it would give. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
