package io.iocstream.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A GitHub App's private key read from PEM as GitHub hands it out (PKCS#1) or as PKCS#8, and the JWT it signs. */
class AppPrivateKeyTest {

    private static final TestAppKey KEY = TestAppKey.generate();

    @TempDir
    Path dir;

    @Test
    void aPkcs1KeyAsGitHubHandsItOutIsTheSameKeyAsItsPkcs8Form() throws Exception {
        byte[] fromPkcs1 = AppPrivateKey.read(KEY.writePkcs1(dir.resolve("app.pem"))).getEncoded();
        byte[] fromPkcs8 = AppPrivateKey.read(KEY.writePkcs8(dir.resolve("app-pkcs8.pem"))).getEncoded();

        assertThat(Files.readString(dir.resolve("app.pem"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(fromPkcs1).isEqualTo(fromPkcs8);
    }

    @Test
    void aFileThatHoldsNoKeySaysSoWithoutQuotingIt() throws Exception {
        Path pem = KEY.writePkcs1(dir.resolve("broken.pem"));
        String text = Files.readString(pem);
        String secretLine = text.lines().skip(1).findFirst().orElseThrow();
        // a damaged key: its base64 is no longer a DER structure
        Files.writeString(pem, text.replace(secretLine, secretLine.substring(32) + secretLine.substring(0, 32)));

        assertThatThrownBy(() -> AppPrivateKey.read(pem))
                .hasMessageContaining("broken.pem").hasMessageContaining("no RSA private key")
                .hasMessageNotContaining(secretLine.substring(0, 32)).hasNoCause();
        assertThatThrownBy(() -> AppPrivateKey.read(dir.resolve("missing.pem")))
                .hasMessageContaining("missing.pem").hasNoCause();
    }

    @Test
    void theJwtIsRs256WithGitHubsClaims() throws Exception {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        String jwt = AppJwt.sign("Iv1.abc123", AppPrivateKey.read(KEY.writePkcs1(dir.resolve("app.pem"))), now);
        String[] parts = jwt.split("\\.");

        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(KEY.publicKey());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        assertThat(decode(parts[0])).isEqualTo("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        // iat a minute back against clock drift, exp within GitHub's ten minutes, iss the App
        assertThat(decode(parts[1])).isEqualTo("{\"iat\":1699999940,\"exp\":1700000540,\"iss\":\"Iv1.abc123\"}");
        assertThat(jwt).doesNotContain("=", "+", "/");
    }

    private static String decode(String base64url) {
        return new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8);
    }
}
