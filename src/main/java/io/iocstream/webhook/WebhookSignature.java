package io.iocstream.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub's {@code X-Hub-Signature-256}: {@code sha256=} and the hex HMAC-SHA256 of the raw body under the webhook's
 * secret. A body is authentic when the header matches the HMAC under any of the configured secrets (two while one
 * replaces the other), compared in constant time.
 */
public final class WebhookSignature {

    /** The header GitHub signs deliveries in. */
    public static final String HEADER = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";
    private static final String HMAC = "HmacSHA256";

    private final WebhookSecrets secrets;

    public WebhookSignature(WebhookSecrets secrets) {
        this.secrets = secrets;
    }

    /** Whether {@code header} is a valid signature of {@code body} under one of the secrets. */
    public boolean verify(byte[] body, String header) {
        if (header == null || !header.startsWith(PREFIX) || header.length() != PREFIX.length() + 64) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(header.substring(PREFIX.length()).toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean matched = false;
        for (byte[] secret : secrets.values()) {
            // every secret is tried, so the time taken does not tell which one matched
            matched |= MessageDigest.isEqual(hmac(secret, body), claimed);
        }
        return matched;
    }

    /** The header GitHub would send for {@code body} under {@code secret}: for the simulator and tests. */
    public static String sign(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    private static byte[] hmac(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JVM has " + HMAC, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
