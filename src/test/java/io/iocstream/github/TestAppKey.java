package io.iocstream.github;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * A GitHub App key pair made for one test run (no private key is ever committed), written as PEM files the way
 * GitHub hands them out (PKCS#1, {@code BEGIN RSA PRIVATE KEY}) or as PKCS#8 ({@code BEGIN PRIVATE KEY}).
 */
public final class TestAppKey {

    private final KeyPair pair;

    private TestAppKey(KeyPair pair) {
        this.pair = pair;
    }

    public static TestAppKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new TestAppKey(generator.generateKeyPair());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has RSA", e);
        }
    }

    public RSAPublicKey publicKey() {
        return (RSAPublicKey) pair.getPublic();
    }

    /** The PEM GitHub gives: PKCS#1's RSAPrivateKey, written here from the key's numbers (RFC 8017 A.1.2). */
    public Path writePkcs1(Path file) throws IOException {
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) pair.getPrivate();
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        for (BigInteger n : new BigInteger[] {BigInteger.ZERO, key.getModulus(), key.getPublicExponent(),
                key.getPrivateExponent(), key.getPrimeP(), key.getPrimeQ(), key.getPrimeExponentP(),
                key.getPrimeExponentQ(), key.getCrtCoefficient()}) {
            fields.writeBytes(der(0x02, n.toByteArray()));
        }
        return pem(file, "RSA PRIVATE KEY", der(0x30, fields.toByteArray()));
    }

    /** The PKCS#8 PEM the JDK writes itself. */
    public Path writePkcs8(Path file) throws IOException {
        return pem(file, "PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    private static Path pem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n",
                StandardCharsets.US_ASCII);
        return file;
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (content.length < 128) {
            out.write(content.length);
        } else if (content.length < 256) {
            out.write(0x81);
            out.write(content.length);
        } else {
            out.write(0x82);
            out.write(content.length >> 8);
            out.write(content.length & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
