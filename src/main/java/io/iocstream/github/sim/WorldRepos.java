package io.iocstream.github.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The repositories of a world directory: {@code repos/OWNER/NAME/COMMIT/...} holds each commit's whole tree.
 * Trees are read once per commit and cached with git's blob ids.
 */
final class WorldRepos {

    /** One file of a commit's tree. */
    record Blob(String oid, long size, Path file) {}

    private final Path reposDir;
    private final Map<String, Optional<SortedMap<String, Blob>>> trees = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Blob>> blobsByOid = new ConcurrentHashMap<>();

    WorldRepos(Path world) {
        this.reposDir = world.resolve("repos").toAbsolutePath().normalize();
    }

    /** The commit's files by path, or empty when the world has no such repository or commit. */
    Optional<SortedMap<String, Blob>> tree(String repo, String commit) {
        return trees.computeIfAbsent(repo + "@" + commit, k -> readTree(repo, commit));
    }

    /** A blob of the repository by its git id, from any commit the world holds. */
    Optional<Blob> blob(String repo, String oid) {
        Map<String, Blob> index = blobsByOid.computeIfAbsent(repo, this::indexBlobs);
        return Optional.ofNullable(index.get(oid));
    }

    private Map<String, Blob> indexBlobs(String repo) {
        Map<String, Blob> index = new ConcurrentHashMap<>();
        Path repoDir = safe(reposDir, repo);
        if (repoDir == null || !Files.isDirectory(repoDir)) {
            return index;
        }
        try (Stream<Path> commits = Files.list(repoDir)) {
            commits.forEach(commit -> tree(repo, commit.getFileName().toString())
                    .ifPresent(tree -> tree.values().forEach(blob -> index.putIfAbsent(blob.oid(), blob))));
        } catch (IOException e) {
            return index;
        }
        return index;
    }

    private Optional<SortedMap<String, Blob>> readTree(String repo, String commit) {
        Path repoDir = safe(reposDir, repo);
        Path commitDir = repoDir == null ? null : safe(repoDir, commit);
        if (commitDir == null || !Files.isDirectory(commitDir) || !commit.matches("[0-9a-f]{40}")) {
            return Optional.empty();
        }
        SortedMap<String, Blob> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(commitDir)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String path = commitDir.relativize(file).toString().replace('\\', '/');
                files.put(path, new Blob(blobOid(file), Files.size(file), file));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(files);
    }

    /** {@code child} inside {@code parent}, or null when it would escape it. */
    static Path safe(Path parent, String child) {
        Path resolved = parent.resolve(child).normalize();
        return resolved.startsWith(parent) && !resolved.equals(parent) ? resolved : null;
    }

    /** git's blob id: SHA-1 over {@code "blob <size>\0"} and the bytes. */
    static String blobOid(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            MessageDigest sha1 = sha1();
            sha1.update(("blob " + Files.size(file) + "\0").getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha1.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha1.digest());
        }
    }

    static String blobOid(byte[] bytes) {
        MessageDigest sha1 = sha1();
        sha1.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha1.digest(bytes));
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
