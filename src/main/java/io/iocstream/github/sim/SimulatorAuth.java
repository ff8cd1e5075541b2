package io.iocstream.github.sim;

import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Objects;

/**
 * Which credentials the simulator takes, as GitHub would: a GitHub App's JWTs (checked against the App's public
 * key) buy installation tokens at {@code POST /app/installations/ID/access_tokens}; when {@code required}, every
 * other request must carry one of those tokens, or the static token, or is answered 401. A token is never printed.
 *
 * @param required      answer 401 to requests without an accepted token
 * @param staticToken   a token accepted as it is (a personal access token's stand-in), or null
 * @param appId         the App whose JWTs are taken (their {@code iss}), or null for no App
 * @param appKey        the App's public key, which checks the JWTs' signatures; null for no App
 * @param tokenLifetime how long an installation token is good for (GitHub: one hour)
 */
public record SimulatorAuth(boolean required, String staticToken, String appId, RSAPublicKey appKey,
        Duration tokenLifetime) {

    /** GitHub's installation tokens expire after an hour. */
    public static final Duration GITHUB_TOKEN_LIFETIME = Duration.ofHours(1);

    public SimulatorAuth {
        Objects.requireNonNull(tokenLifetime, "tokenLifetime");
        if (tokenLifetime.compareTo(Duration.ofSeconds(1)) < 0) {
            // expires_at is written in whole seconds
            throw new IllegalArgumentException("tokenLifetime must be at least a second, was " + tokenLifetime);
        }
        if ((appId == null) != (appKey == null)) {
            throw new IllegalArgumentException("an App needs both its id and its public key");
        }
        if (required && staticToken == null && appId == null) {
            throw new IllegalArgumentException("requiring credentials needs a static token or an App to issue them");
        }
    }

    /** Anything goes, as the simulator always allowed: no credentials needed, no App. */
    public static SimulatorAuth none() {
        return new SimulatorAuth(false, null, null, null, GITHUB_TOKEN_LIFETIME);
    }

    /** The same, with App {@code appId} minting installation tokens that live {@code lifetime}. */
    public SimulatorAuth withApp(String appId, RSAPublicKey appKey, Duration lifetime) {
        return new SimulatorAuth(required, staticToken, Objects.requireNonNull(appId, "appId"),
                Objects.requireNonNull(appKey, "appKey"), lifetime);
    }

    /** The same, also taking {@code token} as it is. */
    public SimulatorAuth withStaticToken(String token) {
        return new SimulatorAuth(required, Objects.requireNonNull(token, "token"), appId, appKey, tokenLifetime);
    }

    /** The same, answering 401 to every request without an accepted token. */
    public SimulatorAuth requiringCredentials() {
        return new SimulatorAuth(true, staticToken, appId, appKey, tokenLifetime);
    }

    @Override
    public String toString() {
        return "SimulatorAuth[required=" + required + ", staticToken=" + (staticToken == null ? "none" : "***")
                + ", appId=" + appId + ", tokenLifetime=" + tokenLifetime + "]";
    }
}
