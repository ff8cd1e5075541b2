package io.iocstream.feeds;

import io.iocstream.core.DeadLetter;
import io.iocstream.source.Poll;
import io.iocstream.source.Poller;
import io.iocstream.source.PollerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One look at the feed directory: every file that is new or changed since it was last read (size and
 * modification time differ and the content hash confirms it) gives its entries, indicators and dead letters as
 * one chunk; once the whole directory has been read the first time, {@link FeedUpdate#initialLoadDone()} follows.
 * Changed files are read {@link FeedDirectorySettings#filesPerPoll()} at a time from one walk of the directory;
 * the files that walk found gone are withdrawn only after its changed files are read, so a renamed file's entries
 * arrive under the new name before the old name lets go of them. A file that cannot be read is a dead letter and
 * is tried again once its size or modification time changes.
 */
final class FeedDirectoryPoller implements Poller<FeedUpdate, FeedDirectoryPosition> {

    private static final Logger LOG = LoggerFactory.getLogger(FeedDirectoryPoller.class);

    private final FeedDirectorySettings settings;
    private final Path root;
    /** Files the last walk found changed and no poll has read yet. */
    private final ArrayDeque<Path> backlog = new ArrayDeque<>();
    /** Feed files the last walk found gone, withdrawn once its backlog is read. */
    private final List<String> deleted = new ArrayList<>();
    /** Whether this poller reads the initial load from its start (not restored part-way), and what it can match. */
    private Boolean initialLoadFromStart;
    private long initialMatchable;

    FeedDirectoryPoller(FeedDirectorySettings settings) {
        this.settings = settings;
        this.root = settings.root();
    }

    @Override
    public Poll<FeedUpdate, FeedDirectoryPosition> poll(FeedDirectoryPosition position) throws IOException {
        List<Poll.Chunk<FeedUpdate, FeedDirectoryPosition>> chunks = new ArrayList<>();
        if (initialLoadFromStart == null) {
            initialLoadFromStart = !position.initialLoadAnnounced() && position.feeds().isEmpty();
        }
        if (backlog.isEmpty()) {
            walk(position);
        }
        for (int read = 0; read < settings.filesPerPoll() && !backlog.isEmpty(); read++) {
            readFile(backlog.poll(), position).ifPresent(chunks::add);
        }
        if (!backlog.isEmpty()) {
            // the rest of a large load follows at once, not after the interval
            return new Poll<>(chunks, Duration.ZERO);
        }
        for (String feed : deleted) {
            // a deleted feed file withdraws its entries
            chunks.add(new Poll.Chunk<>(FeedUpdate.of(FeedDirectory.Result.empty(), false, feed),
                    p -> p.removed(feed)));
        }
        deleted.clear();
        if (!position.initialLoadAnnounced()) {
            // a load restored part-way did not see the entries of the files read before the restore
            if (initialLoadFromStart && initialMatchable == 0) {
                LOG.warn("No IOC entries loaded from {}: nothing can match, so every push passes as clean until "
                        + "feeds arrive", root);
            }
            chunks.add(new Poll.Chunk<>(List.of(FeedUpdate.initialLoadDone()), FeedDirectoryPosition::announced));
        }
        return new Poll<>(chunks, settings.pollInterval());
    }

    /** Queues the files that may have changed, and notes the ones that are gone. */
    private void walk(FeedDirectoryPosition position) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root + " (feed directory)");
        }
        FeedDirectory.Listing listing = FeedDirectory.list(root);
        for (Path path : listing.unreadable()) {
            LOG.warn("feed directory: cannot read {}; its files are kept as they were", path);
        }
        Set<String> present = new HashSet<>();
        for (Path file : listing.files()) {
            String feed = feedName(file);
            present.add(feed);
            FeedFingerprint known = position.file(feed);
            BasicFileAttributes stat;
            try {
                stat = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (NoSuchFileException gone) {
                present.remove(feed);
                continue;
            }
            if (known == null || !known.sameStat(stat.size(), stat.lastModifiedTime().toMillis())) {
                backlog.add(file);
            }
        }
        if (!listing.unreadable().isEmpty()) {
            // a folder that could not be read is not a folder whose files were deleted
            return;
        }
        for (String feed : position.feeds()) {
            if (!present.contains(feed)) {
                deleted.add(feed);
            }
        }
    }

    private Optional<Poll.Chunk<FeedUpdate, FeedDirectoryPosition>> readFile(Path file,
            FeedDirectoryPosition position) {
        String feed = feedName(file);
        BasicFileAttributes stat = null;
        String sha256;
        try {
            // the stat is taken before the bytes: a write that lands meanwhile changes the time and is read next time
            stat = Files.readAttributes(file, BasicFileAttributes.class);
            sha256 = sha256(file);
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException unreadable) {
            // EACCES, EIO: fingerprinted by its stat alone, so it is tried again once its size or time changes
            FeedFingerprint tried = stat == null ? new FeedFingerprint(-1, -1, "")
                    : new FeedFingerprint(stat.size(), stat.lastModifiedTime().toMillis(), "");
            DeadLetter deadLetter = new DeadLetter("feed", file.toString(), "unreadable feed file: " + unreadable, "");
            return Optional.of(new Poll.Chunk<>(List.of(FeedUpdate.deadLetter(deadLetter)), p -> p.read(feed, tried)));
        }
        FeedFingerprint fingerprint = new FeedFingerprint(stat.size(), stat.lastModifiedTime().toMillis(), sha256);
        FeedFingerprint known = position.file(feed);
        if (known != null && known.sha256().equals(sha256)) {
            // touched, not changed: remember the new time so it is not hashed again
            return Optional.of(new Poll.Chunk<>(List.of(), p -> p.read(feed, fingerprint)));
        }
        // a file read before is replaced whole: lines taken out of a list withdraw their entries
        FeedDirectory.Result read = FeedDirectory.readFile(root, file);
        if (!position.initialLoadAnnounced()) {
            initialMatchable += read.matchable();
        }
        List<FeedUpdate> updates = FeedUpdate.of(read, false, known == null ? null : feed);
        return Optional.of(new Poll.Chunk<>(updates, p -> p.read(feed, fingerprint)));
    }

    private String feedName(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public Duration afterFailure() {
        return settings.pollInterval();
    }

    /** Builds the poller where the source runs. */
    record Factory(FeedDirectorySettings settings) implements PollerFactory<FeedUpdate, FeedDirectoryPosition> {
        @Override
        public Poller<FeedUpdate, FeedDirectoryPosition> create() {
            return new FeedDirectoryPoller(settings);
        }
    }
}
