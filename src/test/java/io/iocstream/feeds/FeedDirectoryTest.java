package io.iocstream.feeds;

import static io.iocstream.feeds.PackageListReaderTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.iocstream.core.DeadLetter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feed directory holding every format: the real OSV entries and Shai-Hulud excerpt (ioc/, see SOURCES.tsv)
 * copied in, beside constructed CSVs, a README, dotfiles and a file of no feed type.
 */
class FeedDirectoryTest {

    static final Path REAL = Path.of("src/test/resources/ioc");

    @TempDir
    Path root;

    @BeforeEach
    void layOutFeeds() throws Exception {
        copy("osv/malicious/npm/chalk/MAL-2025-46969.json");
        copy("osv/withdrawn/npm/@ctrl/plex/MAL-2026-4377.json");
        copy("shai-hulud-compromised-packages-excerpt.txt", "lists/shai-hulud.txt");
        write(root, "csv/packages.csv", "package,version\nconstructed-pkg,= 1.0.0 || = 1.0.1\n");
        write(root, "csv/indicators.csv", "type,value,id\ndomain,constructed.example,CONSTRUCTED-1\n");
        write(root, "README.md", "# feeds\n");
        write(root, "lists/notes.md", "not a feed\n");
        write(root, ".hidden.txt", "hidden-pkg:1.0.0\n");
        write(root, ".git/HEAD", "ref: refs/heads/main\n");
        write(root, "osv/broken.json", "{\"id\": \"MAL-X\", \"affected\": [");
        write(root, "misc/feed.yaml", "package: x\n");
    }

    @Test
    void aFolderThatCannotBeListedIsADeadLetterAndTheRestStillLoads() throws Exception {
        // even root may not list /proc/1/map_files
        Files.createSymbolicLink(root.resolve("mirror"), Path.of("/proc/1/map_files"));

        FeedDirectory.Result read = FeedDirectory.read(root);

        assertThat(read.deadLetters()).extracting(DeadLetter::origin, DeadLetter::reason)
                .contains(tuple(root.resolve("mirror").toString(), "unreadable feed directory entry"));
        assertThat(read.packages()).extracting(IocEntry::id).contains("MAL-2025-46969");
    }

    @Test
    void everyFormatIsReadAndDispatchedByExtensionAndHeader() throws Exception {
        FeedDirectory.Result read = FeedDirectory.read(root);

        long listEntries = Files.readAllLines(REAL.resolve("shai-hulud-compromised-packages-excerpt.txt")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
        assertThat(read.packages()).filteredOn(e -> e.feed().equals("lists/shai-hulud.txt")).hasSize((int) listEntries);
        assertThat(read.packages()).filteredOn(e -> e.feed().startsWith("osv/"))
                .extracting(IocEntry::id, IocEntry::withdrawn)
                .containsExactly(tuple("MAL-2025-46969", false), tuple("MAL-2026-4377", true));
        assertThat(read.packages()).filteredOn(e -> e.feed().equals("csv/packages.csv"))
                .extracting(IocEntry::id, IocEntry::name).containsExactly(tuple("csv/packages.csv:2", "constructed-pkg"));
        assertThat(read.indicators()).extracting(Indicator::id, Indicator::feed)
                .containsExactly(tuple("CONSTRUCTED-1", "csv/indicators.csv"));
        assertThat(read.packages()).noneMatch(e -> e.name().equals("hidden-pkg"));
    }

    @Test
    void filesAreReadInSortedPathOrder() throws Exception {
        FeedDirectory.Result read = FeedDirectory.read(root);
        assertThat(read.packages()).extracting(IocEntry::feed).containsSubsequence(
                "csv/packages.csv", "lists/shai-hulud.txt", "osv/malicious/npm/chalk/MAL-2025-46969.json",
                "osv/withdrawn/npm/@ctrl/plex/MAL-2026-4377.json");
    }

    @Test
    void aBrokenOsvEntryAndAnUnknownFileTypeAreDeadLettersNotACrash() throws Exception {
        FeedDirectory.Result read = FeedDirectory.read(root);
        assertThat(read.deadLetters()).extracting(DeadLetter::origin, DeadLetter::stage).containsExactly(
                tuple(root.resolve("misc/feed.yaml").toString(), "feed"),
                tuple(root.resolve("osv/broken.json").toString(), "feed"));
        assertThat(read.deadLetters().get(0).reason()).startsWith("unknown feed file type");
        assertThat(read.deadLetters().get(0).raw()).isEqualTo("package: x\n");
        assertThat(read.deadLetters().get(1).reason()).startsWith("unreadable OSV entry");
    }

    @Test
    void oneFileIsReadAsTheDirectoryWouldReadIt() throws Exception {
        FeedDirectory.Result one = FeedDirectory.readFile(root, root.resolve("csv/packages.csv"));
        assertThat(one.packages()).extracting(IocEntry::id).containsExactly("csv/packages.csv:2");
        assertThat(one.indicators()).isEmpty();
        assertThat(one.deadLetters()).isEmpty();

        assertThat(FeedDirectory.readFile(root, root.resolve("README.md"))).isEqualTo(FeedDirectory.Result.empty());
        assertThat(FeedDirectory.readFile(root, root.resolve(".hidden.txt"))).isEqualTo(FeedDirectory.Result.empty());
        assertThat(FeedDirectory.readFile(root, root.resolve(".git/HEAD"))).isEqualTo(FeedDirectory.Result.empty());
    }

    @Test
    void aFileThatVanishedOrIsNotUtf8IsADeadLetter() throws Exception {
        Path gone = root.resolve("lists/gone.txt");
        assertThat(FeedDirectory.readFile(root, gone).deadLetters()).singleElement()
                .satisfies(d -> assertThat(d.reason()).startsWith("unreadable feed file"));

        Path latin1 = root.resolve("lists/latin1.txt");
        Files.write(latin1, new byte[] {'c', (byte) 0xE9, ':', '1'});
        assertThat(FeedDirectory.readFile(root, latin1).deadLetters()).singleElement()
                .satisfies(d -> assertThat(d.origin()).isEqualTo(latin1 + ":1"));
    }

    @Test
    void anEmptyCsvIsADeadLetter() throws Exception {
        Path empty = write(root, "csv/empty.csv", "\n");
        assertThat(FeedDirectory.readFile(root, empty).deadLetters()).singleElement()
                .satisfies(d -> assertThat(d.reason()).startsWith("empty CSV feed"));
    }

    private void copy(String from) throws Exception {
        copy(from, from);
    }

    private void copy(String from, String to) throws Exception {
        Path target = root.resolve(to);
        Files.createDirectories(target.getParent());
        Files.copy(REAL.resolve(from), target);
    }
}
