package io.iocstream.feeds;

import static io.iocstream.feeds.PackageListReaderTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.iocstream.core.DeadLetter;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Package CSVs, constructed for these tests: header aliases, quoting, version cells, ecosystems, bad rows. */
class PackageCsvReaderTest {

    @Test
    void versionCellsInEveryFormAndIdsFromFileAndLine(@TempDir Path root) throws Exception {
        Path file = write(root, "csv/constructed.csv", """
                Package,Version
                example-a,1.2.3
                example-b,= 1.2.3
                "@example/c","= 1.0.0 || = 1.0.1"
                example-d, =2.0.0||=2.0.1
                """);
        FeedDirectory.Result read = FeedDirectory.readFile(root, file);
        assertThat(read.deadLetters()).isEmpty();
        assertThat(read.packages()).extracting(IocEntry::id, IocEntry::ecosystem, IocEntry::name, IocEntry::versions,
                IocEntry::severity, IocEntry::feed).containsExactly(
                tuple("csv/constructed.csv:2", "npm", "example-a", Set.of("1.2.3"), "critical", "csv/constructed.csv"),
                tuple("csv/constructed.csv:3", "npm", "example-b", Set.of("1.2.3"), "critical", "csv/constructed.csv"),
                tuple("csv/constructed.csv:4", "npm", "@example/c", Set.of("1.0.0", "1.0.1"), "critical",
                        "csv/constructed.csv"),
                tuple("csv/constructed.csv:5", "npm", "example-d", Set.of("2.0.0", "2.0.1"), "critical",
                        "csv/constructed.csv"));
    }

    @Test
    void nameVersionsEcosystemSeverityAndIdColumnsInAnyOrder(@TempDir Path root) throws Exception {
        Path file = write(root, "constructed.csv", """
                severity,ECOSYSTEM,versions,name,id
                HIGH,pypi,0.1.0,Example_Pkg,CONSTRUCTED-1
                ,PyPI,0.2.0,example-pkg,
                low,crates.io,1.0.0,example-crate,CONSTRUCTED-3
                ,composer,2.0.0,example/vendor-pkg,CONSTRUCTED-4
                """);
        FeedDirectory.Result read = FeedDirectory.readFile(root, file);
        assertThat(read.deadLetters()).isEmpty();
        assertThat(read.packages()).extracting(IocEntry::id, IocEntry::ecosystem, IocEntry::name, IocEntry::severity)
                .containsExactly(
                        tuple("CONSTRUCTED-1", "PyPI", "Example_Pkg", "high"),
                        tuple("constructed.csv:3", "PyPI", "example-pkg", "critical"),
                        tuple("CONSTRUCTED-3", "crates.io", "example-crate", "low"),
                        tuple("CONSTRUCTED-4", "Packagist", "example/vendor-pkg", "critical"));
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsNotPartOfTheFirstColumnsName(@TempDir Path root) throws Exception {
        Path file = write(root, "constructed.csv", "\uFEFFpackage,version\nexample-a,1.2.3\n");
        FeedDirectory.Result read = FeedDirectory.readFile(root, file);
        assertThat(read.deadLetters()).isEmpty();
        assertThat(read.packages()).extracting(IocEntry::name).containsExactly("example-a");
    }

    @Test
    void aRowThatIsNotUtf8IsADeadLetterAndTheOtherRowsStillLoad(@TempDir Path root) throws Exception {
        Path file = root.resolve("constructed.csv");
        // Windows line breaks, as a spreadsheet saving Latin-1 writes them
        String csv = "package,version,note\r\nexample-a,1.0.0,\r\nexample-b,2.0.0,caf\u00e9\r\nexample-c,3.0.0,\r\n";
        java.nio.file.Files.write(file, csv.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        FeedDirectory.Result read = FeedDirectory.readFile(root, file);
        assertThat(read.packages()).extracting(IocEntry::id, IocEntry::name).containsExactly(
                tuple("constructed.csv:2", "example-a"), tuple("constructed.csv:4", "example-c"));
        assertThat(read.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.origin()).isEqualTo(file + ":3");
            assertThat(d.reason()).contains("line 3", "not UTF-8");
        });
    }

    @Test
    void aPackageNameNoEcosystemAllowsIsADeadLetter(@TempDir Path root) throws Exception {
        Path file = write(root, "constructed.csv", "package,version\n\"two\nlines\",1.0.0\n\"a\u202Eb\",1.0.0\n"
                + "example-a,1.0.0\n");
        FeedDirectory.Result read = FeedDirectory.readFile(root, file);
        assertThat(read.packages()).extracting(IocEntry::name).containsExactly("example-a");
        assertThat(read.deadLetters()).extracting(DeadLetter::origin, DeadLetter::reason).containsExactly(
                tuple(file + ":2", "package name has control character U+000A"),
                tuple(file + ":4", "package name has control character U+202E"));
    }

    @Test
    void aQuotedCellMaySpanLinesAndHoldCommas(@TempDir Path root) throws Exception {
        Path file = write(root, "constructed.csv", """
                package,version,note
                "example,with-comma",1.0.0,"a note
                over two lines"
                example-after,2.0.0,
                """);
        FeedDirectory.Result read = FeedDirectory.readFile(root, file);
        assertThat(read.deadLetters()).isEmpty();
        assertThat(read.packages()).extracting(IocEntry::id, IocEntry::name).containsExactly(
                tuple("constructed.csv:2", "example,with-comma"), tuple("constructed.csv:4", "example-after"));
    }

    @Test
    void badRowsAreDeadLettersAndTheGoodRowsStillLoad(@TempDir Path root) throws Exception {
        Path file = write(root, "constructed.csv", """
                ecosystem,package,version,severity
                npm,good-one,1.0.0,
                npm,ranged,>= 1.0.0,
                npm,tilde,~1.2.3,
                npm,half-range,= 1.0.0 || < 2,
                npm,,1.0.0,
                npm,no-version,,
                cobol,unknown-eco,1.0.0,
                npm,bad-severity,1.0.0,severe
                npm,too-few
                npm,too-many,1.0.0,high,extra
                ,no-ecosystem,1.0.0,
                npm,good-two,2.0.0,medium
                """);
        FeedDirectory.Result read = FeedDirectory.readFile(root, file);
        assertThat(read.packages()).extracting(IocEntry::name, IocEntry::severity)
                .containsExactly(tuple("good-one", "critical"), tuple("good-two", "medium"));
        assertThat(read.deadLetters()).extracting(DeadLetter::origin).containsExactly(
                file + ":3", file + ":4", file + ":5", file + ":6", file + ":7", file + ":8", file + ":9",
                file + ":10", file + ":11", file + ":12");
        assertThat(read.deadLetters()).allSatisfy(d -> {
            assertThat(d.stage()).isEqualTo("feed");
            assertThat(d.reason()).isNotBlank().doesNotContain("\n");
        });
        assertThat(read.deadLetters().get(0).reason()).contains("'= a || = b'");
        assertThat(read.deadLetters().get(0).raw()).isEqualTo("npm,ranged,>= 1.0.0,");
        assertThat(read.deadLetters().get(5).reason()).contains("unknown ecosystem 'cobol'");
        assertThat(read.deadLetters().get(7).reason()).startsWith("too few cells");
        assertThat(read.deadLetters().get(8).reason()).startsWith("too many cells");
    }

    @Test
    void aHeaderWithoutPackageAndVersionColumnsIsOneDeadLetter(@TempDir Path root) throws Exception {
        Path file = write(root, "constructed.csv", "what,when\nexample,1.0.0\n");
        FeedDirectory.Result read = FeedDirectory.readFile(root, file);
        assertThat(read.packages()).isEmpty();
        assertThat(read.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.origin()).isEqualTo(file + ":1");
            assertThat(d.reason()).contains("no package");
        });
    }

    @Test
    void anUnclosedQuoteKeepsTheRowsBeforeIt(@TempDir Path root) throws Exception {
        Path file = write(root, "constructed.csv", "package,version\nbefore,1.0.0\n\"broken,1.0.0\nafter,2.0.0\n");
        FeedDirectory.Result read = FeedDirectory.readFile(root, file);
        assertThat(read.packages()).extracting(IocEntry::name).containsExactly("before");
        assertThat(read.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.origin()).isEqualTo(file + ":3");
            assertThat(d.reason()).startsWith("unreadable CSV from this line on");
        });
    }
}
