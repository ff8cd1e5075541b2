package io.iocstream.github.sim;

import com.google.common.cache.CacheBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read-only access to {@code WORLD/repos/OWNER/NAME/COMMIT/...}. Every name that arrives from a request is checked
 * here, and every resolved file must really lie under the repos directory, so a request can never escape it.
 * Every repository's default branch is {@value #DEFAULT_BRANCH}; its head is the commit named in the optional
 * {@code repos/OWNER/NAME/HEAD} file, else the repository's only commit directory.
 */
final class WorldRepos {

    static final String DEFAULT_BRANCH = "main";
    static final String HEAD_FILE = "HEAD";
    private static final int CACHED_TREES = 50_000;
    private static final int CACHED_FILE_HASHES = 500_000;

    private final Path reposRoot;
    /**
     * Commit trees and file hashes recently served, bounded so that a simulator serving a world of millions of
     * commits for hours keeps a steady heap: what falls out is read from disk again.
     */
    private final Map<String, CompletableFuture<CommitTree>> trees = CacheBuilder.newBuilder()
            .maximumSize(CACHED_TREES).<String, CompletableFuture<CommitTree>>build().asMap();
    private final Map<String, BlobIndex> blobIndexes = new ConcurrentHashMap<>();
    private final Map<Path, String> blobShas = CacheBuilder.newBuilder()
            .maximumSize(CACHED_FILE_HASHES).<Path, String>build().asMap();

    WorldRepos(Path world) throws IOException {
        Path repos = world.resolve("repos");
        // a world without repos/ is empty, not an error: every lookup then fails the containment check
        this.reposRoot = Files.isDirectory(repos) ? repos.toRealPath() : repos.toAbsolutePath().normalize();
    }

    /** True for a name that can be used as one path element: never empty, a dot name or a separator. */
    static boolean isSafeSegment(String segment) {
        return !segment.isEmpty() && !segment.equals(".") && !segment.equals("..")
                && segment.indexOf('/') < 0 && segment.indexOf('\\') < 0 && segment.indexOf('\0') < 0;
    }

    boolean repositoryExists(String owner, String name) {
        return isSafeSegment(owner) && isSafeSegment(name)
                && contained(reposRoot.resolve(owner).resolve(name)).filter(Files::isDirectory).isPresent();
    }

    /** The repositories of {@code owner}, or of every owner when it is null, as {@code owner/name}, sorted. */
    List<String> repositories(String owner) throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(reposRoot)) {
            return names;
        }
        for (Path ownerDir : directories(reposRoot)) {
            String login = ownerDir.getFileName().toString();
            if (owner == null || owner.equals(login)) {
                for (Path repoDir : directories(ownerDir)) {
                    names.add(login + "/" + repoDir.getFileName());
                }
            }
        }
        names.sort(null);
        return names;
    }

    boolean ownerExists(String owner) {
        return isSafeSegment(owner) && contained(reposRoot.resolve(owner)).filter(Files::isDirectory).isPresent();
    }

    /**
     * The commit {@value #DEFAULT_BRANCH} points at: the one the {@code HEAD} file names, else the only commit
     * directory; empty when the repository has several commits and no {@code HEAD} file, or none at all.
     */
    Optional<String> defaultBranchHead(String owner, String name) throws IOException {
        if (!repositoryExists(owner, name)) {
            return Optional.empty();
        }
        Path repoDir = reposRoot.resolve(owner).resolve(name);
        Path headFile = repoDir.resolve(HEAD_FILE);
        if (Files.isRegularFile(headFile, LinkOption.NOFOLLOW_LINKS)) {
            String head = Files.readString(headFile).strip();
            return commitDir(owner, name, head).map(dir -> head);
        }
        List<Path> commits = directories(repoDir);
        return commits.size() == 1 ? Optional.of(commits.get(0).getFileName().toString()) : Optional.empty();
    }

    /** Whether the repository has no commit directory at all: GitHub's empty repository. */
    boolean isEmpty(String owner, String name) throws IOException {
        return repositoryExists(owner, name) && directories(reposRoot.resolve(owner).resolve(name)).isEmpty();
    }

    private static List<Path> directories(Path parent) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(parent)) {
            for (Path child : children) {
                if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    dirs.add(child);
                }
            }
        }
        return dirs;
    }

    Optional<Path> commitDir(String owner, String name, String commit) {
        if (!isSafeSegment(owner) || !isSafeSegment(name) || !isSafeSegment(commit)) {
            return Optional.empty();
        }
        Path dir = reposRoot.resolve(owner).resolve(name).resolve(commit);
        return contained(dir).filter(Files::isDirectory);
    }

    /** A regular file or directory inside the commit, for a slash-separated path that is already URL-decoded. */
    Optional<Path> entry(Path commitDir, String path) {
        if (path.isEmpty()) {
            return Optional.of(commitDir);
        }
        for (String segment : path.split("/", -1)) {
            if (!isSafeSegment(segment)) {
                return Optional.empty();
            }
        }
        Path resolved = commitDir.resolve(path).normalize();
        if (!resolved.startsWith(commitDir)) {
            return Optional.empty();
        }
        // world files are plain files: links are refused outright rather than followed
        if (Files.isSymbolicLink(resolved)) {
            return Optional.empty();
        }
        return contained(resolved).filter(p -> p.startsWith(commitDir));
    }

    String blobSha(Path file) throws IOException {
        try {
            return blobShas.computeIfAbsent(file, f -> {
                try {
                    return GitObjectIds.blobSha(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The commit's tree, hashed once and then served from the cache. */
    Optional<CommitTree> tree(String owner, String name, String commit) throws IOException {
        Optional<Path> dir = commitDir(owner, name, commit);
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(tree(dir.get()));
    }

    private CommitTree tree(Path commitDir) throws IOException {
        String key = reposRoot.relativize(commitDir).toString();
        CompletableFuture<CommitTree> mine = new CompletableFuture<>();
        CompletableFuture<CommitTree> existing = trees.putIfAbsent(key, mine);
        if (existing == null) {
            // the first caller hashes; concurrent callers for the same commit wait for its result
            try {
                mine.complete(CommitTree.read(commitDir));
            } catch (IOException | RuntimeException e) {
                trees.remove(key, mine);
                mine.completeExceptionally(e);
            }
        }
        try {
            return (existing == null ? mine : existing).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    /** The file holding a blob of this repository, found among all of its commits. */
    Optional<Path> blob(String owner, String name, String sha) throws IOException {
        if (!isSafeSegment(owner) || !isSafeSegment(name)) {
            return Optional.empty();
        }
        Optional<Path> repoDir = contained(reposRoot.resolve(owner).resolve(name)).filter(Files::isDirectory);
        if (repoDir.isEmpty()) {
            return Optional.empty();
        }
        BlobIndex index = blobIndexes.computeIfAbsent(owner + "/" + name, k -> new BlobIndex());
        Path known = index.files.get(sha);
        if (known != null) {
            return Optional.of(known);
        }
        synchronized (index) {
            // index lazily: only commits not seen by an earlier lookup are hashed
            try (DirectoryStream<Path> commits = Files.newDirectoryStream(repoDir.get())) {
                for (Path commit : commits) {
                    if (Files.isDirectory(commit, LinkOption.NOFOLLOW_LINKS) && index.commits.add(commit)) {
                        for (CommitTree.Entry entry : tree(commit).entries()) {
                            if (!entry.tree()) {
                                index.files.putIfAbsent(entry.sha(), entry.file());
                            }
                        }
                    }
                }
            }
        }
        return Optional.ofNullable(index.files.get(sha));
    }

    private Optional<Path> contained(Path path) {
        try {
            Path real = path.toRealPath();
            return real.startsWith(reposRoot) ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static final class BlobIndex {
        final Set<Path> commits = ConcurrentHashMap.newKeySet();
        final Map<String, Path> files = new ConcurrentHashMap<>();
    }
}
