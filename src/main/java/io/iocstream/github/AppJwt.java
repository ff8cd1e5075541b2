package io.iocstream.github;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The JSON Web Token a GitHub App signs to ask for installation tokens, as GitHub's "Generating a JSON Web Token
 * (JWT) for a GitHub App" says: RS256, {@code iat} a minute in the past against clock drift, {@code exp} no more
 * than ten minutes ahead, {@code iss} the App's id.
 */
final class AppJwt {

    /** GitHub recommends setting {@code iat} this far in the past. */
    static final Duration CLOCK_DRIFT = Duration.ofSeconds(60);
    /** GitHub refuses an {@code exp} more than ten minutes ahead; a little less leaves room for its clock. */
    static final Duration LIFETIME = Duration.ofMinutes(9);

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");

    private AppJwt() {}

    /** A token for App {@code appId}, signed with its private key at {@code now}. */
    static String sign(String appId, PrivateKey key, Instant now) throws GeneralSecurityException {
        // appId is checked to be [A-Za-z0-9._-]+ (GitHubCredentials.App), so it needs no JSON escaping
        String claims = "{\"iat\":" + now.minus(CLOCK_DRIFT).getEpochSecond() + ",\"exp\":"
                + now.plus(LIFETIME).getEpochSecond() + ",\"iss\":\"" + appId + "\"}";
        String signingInput = HEADER + "." + encode(claims);
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(key);
        rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + BASE64URL.encodeToString(rs256.sign());
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
