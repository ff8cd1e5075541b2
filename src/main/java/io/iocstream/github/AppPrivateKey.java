package io.iocstream.github;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a GitHub App's private key from its PEM file. GitHub hands out PKCS#1 keys ({@code BEGIN RSA PRIVATE
 * KEY}); the JDK reads only PKCS#8 ({@code BEGIN PRIVATE KEY}), so a PKCS#1 key is wrapped in the PKCS#8 structure
 * (RFC 5208: version 0, the rsaEncryption algorithm, the key as an octet string) first. No error quotes the file.
 */
final class AppPrivateKey {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN (RSA PRIVATE KEY|PRIVATE KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    /** DER of AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

    private AppPrivateKey() {}

    /** The RSA key in {@code file}; the message of a failure names the file and the problem, never its content. */
    static RSAPrivateKey read(Path file) throws IOException {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IOException("cannot read the GitHub App private key file " + file + ": "
                    + e.getClass().getSimpleName());
        }
        try {
            return parse(pem);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // without the cause: a decoder's message may quote the key's characters
            throw new IOException("the GitHub App private key file " + file + " holds no RSA private key in PEM"
                    + " (BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY)");
        }
    }

    static RSAPrivateKey parse(String pem) throws GeneralSecurityException {
        Matcher block = PEM.matcher(pem);
        if (!block.find()) {
            throw new IllegalArgumentException("no PEM private key block");
        }
        byte[] der = Base64.getMimeDecoder().decode(block.group(2));
        byte[] pkcs8 = block.group(1).equals("RSA PRIVATE KEY") ? wrapPkcs1(der) : der;
        return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    /** PrivateKeyInfo ::= SEQUENCE { version INTEGER 0, algorithm AlgorithmIdentifier, privateKey OCTET STRING }. */
    static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(VERSION_0);
        body.writeBytes(RSA_ALGORITHM);
        body.writeBytes(tlv(0x04, pkcs1));
        return tlv(0x30, body.toByteArray());
    }

    /** A DER tag, its length (short form below 128, else long form) and the content. */
    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
                out.write(length >>> shift);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
