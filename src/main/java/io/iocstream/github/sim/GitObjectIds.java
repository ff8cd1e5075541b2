package io.iocstream.github.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Git object ids (SHA-1) computed exactly as git does, so simulated shas match real GitHub ones. */
final class GitObjectIds {

    /** One entry of a git tree object: a file (blob) or a sub-directory (tree). */
    record TreeItem(String name, boolean tree, String sha) {}

    private GitObjectIds() {}

    static String blobSha(byte[] content) {
        MessageDigest sha1 = sha1();
        sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
        sha1.update(content);
        return HexFormat.of().formatHex(sha1.digest());
    }

    static String blobSha(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha1 = sha1();
            sha1.update(("blob " + Files.size(file) + "\0").getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha1.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha1.digest());
        }
    }

    /** The id of a tree object holding these entries; order does not matter, git's own order is applied. */
    static String treeSha(List<TreeItem> items) {
        List<TreeItem> sorted = new ArrayList<>(items);
        sorted.sort(GitObjectIds::compareGitOrder);
        var body = new java.io.ByteArrayOutputStream();
        HexFormat hex = HexFormat.of();
        for (TreeItem item : sorted) {
            body.writeBytes(((item.tree() ? "40000 " : "100644 ") + item.name()).getBytes(StandardCharsets.UTF_8));
            body.write(0);
            body.writeBytes(hex.parseHex(item.sha()));
        }
        MessageDigest sha1 = sha1();
        sha1.update(("tree " + body.size() + "\0").getBytes(StandardCharsets.US_ASCII));
        sha1.update(body.toByteArray());
        return hex.formatHex(sha1.digest());
    }

    // git compares names bytewise, with a directory name treated as if it ended in '/'
    private static int compareGitOrder(TreeItem a, TreeItem b) {
        byte[] x = (a.name() + (a.tree() ? "/" : "")).getBytes(StandardCharsets.UTF_8);
        byte[] y = (b.name() + (b.tree() ? "/" : "")).getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-1", e);
        }
    }
}
