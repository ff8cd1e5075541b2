package io.iocstream.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The signature check, on the example of GitHub's "Validating webhook deliveries" page. */
class WebhookSignatureTest {

    // GitHub's documented example: this secret and payload give this header
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String HEADER = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    private static final String SECRET = "It's a Secret to Everybody";

    @Test
    void githubsExampleIsAuthentic() {
        assertThat(WebhookSignature.sign(SECRET, BODY)).isEqualTo(HEADER);
        assertThat(new WebhookSignature(WebhookSecrets.of(SECRET)).verify(BODY, HEADER)).isTrue();
        assertThat(new WebhookSignature(WebhookSecrets.of(SECRET)).verify(BODY, HEADER.toUpperCase()
                .replace("SHA256=", "sha256="))).as("hex in capitals").isTrue();
    }

    @Test
    void eitherOfTwoSecretsWhileOneReplacesTheOther() {
        assertThat(new WebhookSignature(WebhookSecrets.of("the new one", SECRET)).verify(BODY, HEADER)).isTrue();
        assertThat(new WebhookSignature(WebhookSecrets.of(SECRET, "the new one")).verify(BODY, HEADER)).isTrue();
    }

    @Test
    void anythingElseIsRefused() {
        WebhookSignature signature = new WebhookSignature(WebhookSecrets.of(SECRET));
        assertThat(signature.verify(BODY, null)).isFalse();
        assertThat(signature.verify(BODY, "")).isFalse();
        assertThat(signature.verify(BODY, HEADER.replace("sha256=", "sha1="))).isFalse();
        assertThat(signature.verify(BODY, HEADER.substring(0, HEADER.length() - 1))).isFalse();
        assertThat(signature.verify(BODY, HEADER.substring(0, HEADER.length() - 1) + "g")).isFalse();
        assertThat(signature.verify(BODY, HEADER.substring(0, HEADER.length() - 1) + "0")).isFalse();
        assertThat(signature.verify("Hello, World?".getBytes(StandardCharsets.UTF_8), HEADER)).isFalse();
        assertThat(new WebhookSignature(WebhookSecrets.of("another")).verify(BODY, HEADER)).isFalse();
    }

    @Test
    void secretsAreNeverPrinted() {
        assertThat(WebhookSecrets.of(SECRET, "two").toString()).isEqualTo("2 secrets");
    }
}
