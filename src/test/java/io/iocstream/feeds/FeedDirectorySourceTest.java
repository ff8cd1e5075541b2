package io.iocstream.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.source.CollectingOutput;
import io.iocstream.source.PollingSource;
import io.iocstream.source.PollingSplit;
import io.iocstream.source.ReaderDriver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live feed source's reader on a real directory: the initial load then its announcement, files added and
 * changed while it runs (an OSV entry withdrawn), a touched file left alone, and restores from checkpointed state.
 */
class FeedDirectorySourceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final String CHALK = "osv/malicious/npm/chalk/MAL-2025-46969.json";

    @TempDir
    Path feeds;

    @BeforeEach
    void copyFixtures() throws IOException {
        Path fixtures = Path.of("src/test/resources/ioc");
        try (Stream<Path> walk = Files.walk(fixtures.resolve("osv"))) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path target = feeds.resolve(fixtures.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        Files.writeString(feeds.resolve("extra.txt"), "# a list\nleft-pad@1.3.1\n");
    }

    @Test
    void anInitialLoadWithNothingThatCanMatchIsAWarningAndOneWithEntriesIsNot() throws Exception {
        PollingSource<FeedUpdate, FeedDirectoryPosition> source = source(FeedDirectorySettings.of(feeds, INTERVAL));
        try (WarningLog log = WarningLog.of(FeedDirectoryPoller.class);
                SourceReader<FeedUpdate, PollingSplit<FeedDirectoryPosition>> reader = reader(source, fresh(source))) {
            untilAnnounced(reader, new CollectingOutput<>());
            assertThat(log.messages()).isEmpty();
        }

        // left with the withdrawn entry alone, which matches nothing
        try (Stream<Path> walk = Files.walk(feeds)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                if (!file.toString().contains("withdrawn")) {
                    Files.delete(file);
                }
            }
        }
        try (WarningLog log = WarningLog.of(FeedDirectoryPoller.class);
                SourceReader<FeedUpdate, PollingSplit<FeedDirectoryPosition>> reader = reader(source, fresh(source))) {
            untilAnnounced(reader, new CollectingOutput<>());
            assertThat(log.messages()).singleElement().asString()
                    .startsWith("No IOC entries loaded from " + feeds + ": nothing can match");
        }
    }

    @Test
    void emitsTheWholeDirectoryThenAnnouncesTheInitialLoadThenOnlyWhatChanges() throws Exception {
        FeedDirectory.Result initial = FeedDirectory.read(feeds);
        PollingSource<FeedUpdate, FeedDirectoryPosition> source = source(FeedDirectorySettings.of(feeds, INTERVAL));
        CollectingOutput<FeedUpdate> out = new CollectingOutput<>();
        try (SourceReader<FeedUpdate, PollingSplit<FeedDirectoryPosition>> reader = reader(source, fresh(source))) {
            untilAnnounced(reader, out);
            assertThat(entries(out.records())).containsExactlyInAnyOrderElementsOf(initial.packages());
            assertThat(out.records().stream().flatMap(u -> u.indicators().stream()).toList())
                    .containsExactlyInAnyOrderElementsOf(initial.indicators());
            assertThat(out.records()).allMatch(u -> u.replaces() == null);
            assertThat(last(out).type()).isEqualTo(FeedUpdate.Type.INITIAL_LOAD_DONE);

            // a file arrives while the source runs
            Files.writeString(feeds.resolve("later.txt"), "npm:@ctrl/tinycolor:4.1.1\n");
            ReaderDriver.until(reader, out, out.records().size() + 1, TIMEOUT);
            assertThat(last(out).entries()).singleElement().satisfies(entry -> {
                assertThat(entry.name()).isEqualTo("@ctrl/tinycolor");
                assertThat(entry.versions()).containsExactly("4.1.1");
            });
            assertThat(last(out).replaces()).isNull();

            // an OSV entry is withdrawn: the file's batch replaces it and carries the withdrawn entry
            withdraw(feeds.resolve(CHALK));
            ReaderDriver.until(reader, out, out.records().size() + 1, TIMEOUT);
            assertThat(last(out).replaces()).isEqualTo(CHALK);
            assertThat(last(out).entries()).singleElement().satisfies(entry -> {
                assertThat(entry.id()).isEqualTo("MAL-2025-46969");
                assertThat(entry.withdrawn()).isTrue();
            });

            // touched with the same bytes: the hash says unchanged, nothing is emitted
            int before = out.records().size();
            Files.setLastModifiedTime(feeds.resolve("extra.txt"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
            ReaderDriver.runFor(reader, out, INTERVAL.multipliedBy(5));
            assertThat(out.records()).hasSize(before);

            // an edited list replaces what the file said before; a deleted file is replaced by nothing
            Files.writeString(feeds.resolve("extra.txt"), "# a list\nleft-pad@1.3.2\n");
            ReaderDriver.until(reader, out, out.records().size() + 1, TIMEOUT);
            assertThat(last(out).replaces()).isEqualTo("extra.txt");
            assertThat(last(out).entries()).extracting(IocEntry::versions).containsExactly(java.util.Set.of("1.3.2"));
            Files.delete(feeds.resolve("later.txt"));
            ReaderDriver.until(reader, out, out.records().size() + 1, TIMEOUT);
            assertThat(last(out).replaces()).isEqualTo("later.txt");
            assertThat(last(out).size()).isZero();
        }
        assertThat(out.records()).filteredOn(u -> u.type() == FeedUpdate.Type.INITIAL_LOAD_DONE).hasSize(1);
    }

    @Test
    void aRestoreAnnouncesNothingTwiceAndMissesNoChangeMadeWhileItWasDown() throws Exception {
        PollingSource<FeedUpdate, FeedDirectoryPosition> source = source(FeedDirectorySettings.of(feeds, INTERVAL));
        SimpleVersionedSerializer<PollingSplit<FeedDirectoryPosition>> serializer = source.getSplitSerializer();
        byte[] checkpoint;
        try (SourceReader<FeedUpdate, PollingSplit<FeedDirectoryPosition>> reader = reader(source, fresh(source))) {
            untilAnnounced(reader, new CollectingOutput<>());
            checkpoint = serializer.serialize(reader.snapshotState(1).get(0));
        }
        withdraw(feeds.resolve(CHALK));
        Files.writeString(feeds.resolve("while-down.txt"), "pypi:litellm:1.82.8\n");

        CollectingOutput<FeedUpdate> out = new CollectingOutput<>();
        try (SourceReader<FeedUpdate, PollingSplit<FeedDirectoryPosition>> reader =
                reader(source, serializer.deserialize(serializer.getVersion(), checkpoint))) {
            ReaderDriver.until(reader, out, 2, TIMEOUT);
            ReaderDriver.runFor(reader, out, INTERVAL.multipliedBy(5));
        }

        assertThat(entries(out.records())).extracting(e -> e.id() + (e.withdrawn() ? " withdrawn" : ""))
                .containsExactly("MAL-2025-46969 withdrawn", "while-down.txt:1");
        assertThat(out.records()).noneMatch(u -> u.type() == FeedUpdate.Type.INITIAL_LOAD_DONE);
    }

    @Test
    void aCheckpointInTheMiddleOfTheInitialLoadResumesItAndAnnouncesItOnce() throws Exception {
        // one file a poll, so the checkpoint falls between files of the first load
        PollingSource<FeedUpdate, FeedDirectoryPosition> source = source(
                new FeedDirectorySettings(feeds.toString(), INTERVAL, 1));
        SimpleVersionedSerializer<PollingSplit<FeedDirectoryPosition>> serializer = source.getSplitSerializer();
        FeedDirectory.Result all = FeedDirectory.read(feeds);
        CollectingOutput<FeedUpdate> first = new CollectingOutput<>();
        byte[] checkpoint;
        try (SourceReader<FeedUpdate, PollingSplit<FeedDirectoryPosition>> reader = reader(source, fresh(source))) {
            ReaderDriver.until(reader, first, 2, TIMEOUT);
            checkpoint = serializer.serialize(reader.snapshotState(1).get(0));
        }

        CollectingOutput<FeedUpdate> rest = new CollectingOutput<>();
        try (SourceReader<FeedUpdate, PollingSplit<FeedDirectoryPosition>> reader =
                reader(source, serializer.deserialize(serializer.getVersion(), checkpoint))) {
            untilAnnounced(reader, rest);
            ReaderDriver.runFor(reader, rest, INTERVAL.multipliedBy(5));
        }

        assertThat(first.records()).noneMatch(u -> u.type() == FeedUpdate.Type.INITIAL_LOAD_DONE);
        assertThat(entries(Stream.concat(first.records().stream(), rest.records().stream()).toList()))
                .containsExactlyInAnyOrderElementsOf(all.packages());
        assertThat(last(rest).type()).isEqualTo(FeedUpdate.Type.INITIAL_LOAD_DONE);
    }

    @Test
    void aCheckpointRightAfterAFileBeganEmittingDoesNotRepeatItOnRestore(@TempDir Path alone) throws Exception {
        // one file whose chunk is its entry batch and a dead letter for its bad line
        Files.writeString(alone.resolve("list.csv"), "package,version\nleft-pad,1.3.1\n\"broken\n");
        PollingSource<FeedUpdate, FeedDirectoryPosition> source = source(
                new FeedDirectorySettings(alone.toString(), INTERVAL, 1));
        CollectingOutput<FeedUpdate> first = new CollectingOutput<>();
        PollingSplit<FeedDirectoryPosition> checkpoint;
        try (SourceReader<FeedUpdate, PollingSplit<FeedDirectoryPosition>> reader = reader(source, fresh(source))) {
            // the source operator may snapshot between any two pollNext calls
            ReaderDriver.until(reader, first, 1, TIMEOUT);
            checkpoint = reader.snapshotState(1).get(0);
        }

        CollectingOutput<FeedUpdate> rest = new CollectingOutput<>();
        try (SourceReader<FeedUpdate, PollingSplit<FeedDirectoryPosition>> reader =
                reader(source, new PollingSplit<>("feed-directory", source.codec().copy(checkpoint.position())))) {
            untilAnnounced(reader, rest);
        }

        List<FeedUpdate> all = Stream.concat(first.records().stream(), rest.records().stream()).toList();
        assertThat(all).extracting(FeedUpdate::type).containsExactly(FeedUpdate.Type.ENTRIES,
                FeedUpdate.Type.DEAD_LETTER, FeedUpdate.Type.INITIAL_LOAD_DONE);
    }

    @Test
    void anUnreadableFileTravelsAsADeadLetterInTheFeedStream() throws Exception {
        Files.writeString(feeds.resolve("broken.json"), "{\"id\": \"MAL-1\", \"affected\": ");
        PollingSource<FeedUpdate, FeedDirectoryPosition> source = source(FeedDirectorySettings.of(feeds, INTERVAL));
        CollectingOutput<FeedUpdate> out = new CollectingOutput<>();
        try (SourceReader<FeedUpdate, PollingSplit<FeedDirectoryPosition>> reader = reader(source, fresh(source))) {
            untilAnnounced(reader, out);
        }

        assertThat(out.records()).filteredOn(u -> u.type() == FeedUpdate.Type.DEAD_LETTER)
                .singleElement().satisfies(u -> assertThat(u.deadLetter().origin()).endsWith("broken.json"));
    }

    @Test
    void aFileThatCannotBeReadIsADeadLetterOnceAndTheRestStillLoads() throws Exception {
        // /proc/self/mem is a regular file that fails with EIO when read from offset 0
        Files.createSymbolicLink(feeds.resolve("unreadable.txt"), Path.of("/proc/self/mem"));
        PollingSource<FeedUpdate, FeedDirectoryPosition> source = source(FeedDirectorySettings.of(feeds, INTERVAL));
        CollectingOutput<FeedUpdate> out = new CollectingOutput<>();
        try (SourceReader<FeedUpdate, PollingSplit<FeedDirectoryPosition>> reader = reader(source, fresh(source))) {
            untilAnnounced(reader, out);
            // its size and time do not change, so it is not tried again
            ReaderDriver.runFor(reader, out, INTERVAL.multipliedBy(5));
        }

        assertThat(out.records()).filteredOn(u -> u.type() == FeedUpdate.Type.DEAD_LETTER)
                .singleElement().satisfies(u -> {
                    assertThat(u.deadLetter().stage()).isEqualTo("feed");
                    assertThat(u.deadLetter().origin()).endsWith("unreadable.txt");
                    assertThat(u.deadLetter().reason()).startsWith("unreadable feed file: ");
                });
        Files.delete(feeds.resolve("unreadable.txt"));
        assertThat(entries(out.records())).containsExactlyInAnyOrderElementsOf(FeedDirectory.read(feeds).packages());
    }

    @Test
    void aFolderThatCannotBeReadNeitherStopsTheLoadNorWithdrawsWhatItHeld() throws Exception {
        PollingSource<FeedUpdate, FeedDirectoryPosition> source = source(FeedDirectorySettings.of(feeds, INTERVAL));
        CollectingOutput<FeedUpdate> out = new CollectingOutput<>();
        try (SourceReader<FeedUpdate, PollingSplit<FeedDirectoryPosition>> reader = reader(source, fresh(source))) {
            untilAnnounced(reader, out);
            int before = out.records().size();
            // the osv folder becomes unreadable (even root may not list /proc/1/map_files), and a new list arrives
            Path osv = feeds.resolve("osv");
            Files.move(osv, feeds.resolve("osv-moved-away"));
            Files.createSymbolicLink(osv, Path.of("/proc/1/map_files"));
            Files.move(feeds.resolve("osv-moved-away"), feeds.resolve(".osv-hidden"));
            Files.writeString(feeds.resolve("new.txt"), "left-pad@1.3.2\n");
            ReaderDriver.until(reader, out, before + 1, TIMEOUT);
            ReaderDriver.runFor(reader, out, INTERVAL.multipliedBy(5));

            assertThat(out.records().subList(before, out.records().size()))
                    .extracting(FeedUpdate::replaces).containsOnlyNulls();
            assertThat(entries(out.records().subList(before, out.records().size())))
                    .extracting(IocEntry::id).containsExactly("new.txt:1");
        }
    }

    @Test
    void aRenamedFileArrivesUnderItsNewNameBeforeTheOldNameLetsGo() throws Exception {
        PollingSource<FeedUpdate, FeedDirectoryPosition> source = source(FeedDirectorySettings.of(feeds, INTERVAL));
        CollectingOutput<FeedUpdate> out = new CollectingOutput<>();
        try (SourceReader<FeedUpdate, PollingSplit<FeedDirectoryPosition>> reader = reader(source, fresh(source))) {
            untilAnnounced(reader, out);
            int before = out.records().size();
            // git mv in a feed checkout
            Files.move(feeds.resolve("extra.txt"), feeds.resolve("moved.txt"));
            ReaderDriver.until(reader, out, before + 2, TIMEOUT);

            List<FeedUpdate> after = out.records().subList(before, out.records().size());
            assertThat(after.get(0).replaces()).isNull();
            assertThat(after.get(0).entries()).singleElement().satisfies(entry -> {
                assertThat(entry.name()).isEqualTo("left-pad");
                assertThat(entry.id()).startsWith("moved.txt");
            });
            assertThat(after.get(1)).isEqualTo(FeedUpdate.of(FeedDirectory.Result.empty(), false, "extra.txt").get(0));
        }
    }

    private static void withdraw(Path osv) throws IOException {
        String text = Files.readString(osv, StandardCharsets.UTF_8);
        Files.writeString(osv, text.replaceFirst("\\{", "{\n  \"withdrawn\": \"2026-12-01T00:00:00Z\","),
                StandardCharsets.UTF_8);
    }

    private static void untilAnnounced(SourceReader<FeedUpdate, ?> reader, CollectingOutput<FeedUpdate> out)
            throws Exception {
        ReaderDriver.until(reader, out,
                records -> records.stream().anyMatch(u -> u.type() == FeedUpdate.Type.INITIAL_LOAD_DONE),
                "the initial load announced", TIMEOUT);
    }

    private static List<IocEntry> entries(List<FeedUpdate> updates) {
        return updates.stream().flatMap(u -> u.entries().stream()).toList();
    }

    private static FeedUpdate last(CollectingOutput<FeedUpdate> out) {
        return out.records().get(out.records().size() - 1);
    }

    private static PollingSource<FeedUpdate, FeedDirectoryPosition> source(FeedDirectorySettings settings) {
        return FeedDirectorySource.create(settings);
    }

    private static PollingSplit<FeedDirectoryPosition> fresh(PollingSource<FeedUpdate, FeedDirectoryPosition> source) {
        return new PollingSplit<>("feed-directory", source.startPosition());
    }

    private static SourceReader<FeedUpdate, PollingSplit<FeedDirectoryPosition>> reader(
            PollingSource<FeedUpdate, FeedDirectoryPosition> source, PollingSplit<FeedDirectoryPosition> split) {
        // the polling reader uses nothing of its context
        SourceReader<FeedUpdate, PollingSplit<FeedDirectoryPosition>> reader = source.createReader(null);
        reader.start();
        reader.addSplits(List.of(split));
        return reader;
    }
}
