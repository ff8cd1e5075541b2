package io.iocstream.github.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The simulator checks a JWT as GitHub does before it mints a token, and accepts tokens only while they live. */
class InstallationTokenIssuerTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
    private static final KeyPair APP = pair();

    private final InstallationTokenIssuer issuer = new InstallationTokenIssuer(SimulatorAuth.none()
            .withApp("123", (RSAPublicKey) APP.getPublic(), Duration.ofMinutes(60)).requiringCredentials(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aGoodJwtBuysATokenThatIsAcceptedUntilItExpires() throws Exception {
        InstallationTokenIssuer.Issued issued = issuer.issue("Bearer " + jwt(claims(-60, 540, "\"123\"")), 9);

        assertThat(issued.token()).matches("ghs_[A-Za-z0-9]{36}");
        assertThat(issued.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(issuer.accepts("Bearer " + issued.token())).isTrue();
        assertThat(issuer.accepts("token " + issued.token())).isTrue();
        assertThat(issuer.accepts("Bearer ghs_" + "x".repeat(36))).isFalse();
        // an App id written as a number is the same App
        assertThat(issuer.issue("Bearer " + jwt(claims(-60, 540, "123")), 9).token()).isNotEqualTo(issued.token());

        InstallationTokenIssuer later = new InstallationTokenIssuer(SimulatorAuth.none()
                .withApp("123", (RSAPublicKey) APP.getPublic(), Duration.ofMinutes(60)),
                Clock.fixed(NOW.plus(Duration.ofHours(2)), ZoneOffset.UTC));
        assertThat(later.accepts("Bearer " + issued.token())).isFalse();
    }

    @Test
    void jwtsGitHubWouldRefuseAreRefused() throws Exception {
        refused(jwt(claims(-60, 540, "\"456\"")), "'Issuer' claim");
        refused(jwt(claims(-600, -1, "\"123\"")), "'Expiration time' claim");
        refused(jwt(claims(-60, 3600, "\"123\"")), "too far in the future");
        refused(jwt(claims(120, 540, "\"123\"")), "'Issued at' claim");
        String good = jwt(claims(-60, 540, "\"123\""));
        refused(good.substring(0, good.length() - 4) + "AAAA", "could not be decoded");
        // signed by another key, or not signed at all
        refused(jwt(claims(-60, 540, "\"123\""), pair().getPrivate()), "could not be decoded");
        refused(encode("{\"alg\":\"none\"}") + "." + encode(claims(-60, 540, "\"123\"")) + ".", "could not be decoded");
        refused("not a jwt", "could not be decoded");
        assertThatThrownBy(() -> issuer.issue(null, 9)).isInstanceOf(InstallationTokenIssuer.Refused.class);
    }

    @Test
    void theStaticTokenIsAcceptedAsItIs() {
        InstallationTokenIssuer withToken = new InstallationTokenIssuer(SimulatorAuth.none()
                .withStaticToken("ghp_static_stand_in").requiringCredentials(), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(withToken.accepts("Bearer ghp_static_stand_in")).isTrue();
        assertThat(withToken.accepts("Bearer ghp_other")).isFalse();
        assertThat(withToken.accepts(null)).isFalse();
        assertThat(withToken.servesApp()).isFalse();
        assertThat(SimulatorAuth.none().withStaticToken("ghp_static_stand_in").toString())
                .doesNotContain("ghp_static_stand_in");
    }

    private void refused(String jwt, String message) {
        assertThatThrownBy(() -> issuer.issue("Bearer " + jwt, 9))
                .isInstanceOf(InstallationTokenIssuer.Refused.class).hasMessageContaining(message);
    }

    private static String claims(long iatOffset, long expOffset, String iss) {
        return "{\"iat\":" + (NOW.getEpochSecond() + iatOffset) + ",\"exp\":" + (NOW.getEpochSecond() + expOffset)
                + ",\"iss\":" + iss + "}";
    }

    private static String jwt(String claims) throws Exception {
        return jwt(claims, APP.getPrivate());
    }

    private static String jwt(String claims, PrivateKey key) throws Exception {
        String input = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + encode(claims);
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(key);
        rs256.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static KeyPair pair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
