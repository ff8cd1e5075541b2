package io.iocstream.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Streamed reading, for files larger than the heap: the package-lock parser over a stream gives what it gives
 * over the same bytes in memory, on every real package-lock and shrinkwrap, and on entries it must skip.
 */
class StreamingParseTest {

    private static final PackageLockParser PARSER = new PackageLockParser();

    static Stream<Path> realPackageLocks() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/lockfiles"))) {
            List<Path> locks = files.filter(Files::isRegularFile)
                    .filter(file -> PARSER.handles(file.getFileName().toString())).sorted().toList();
            // package-lock v1, v2, v2-app and npm-shrinkwrap
            assertThat(locks).hasSizeGreaterThanOrEqualTo(4);
            return locks.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("realPackageLocks")
    void aRealPackageLockStreamedGivesWhatItGivesInMemory(Path file) throws Exception {
        byte[] content = Files.readAllBytes(file);
        SkippedEntries inMemory = new SkippedEntries();
        List<Dependency> whole = PARSER.parse(content, inMemory);
        SkippedEntries streamed = new SkippedEntries();
        List<Dependency> fromStream = PARSER.parse(trickle(content), content.length, streamed);

        assertThat(whole).isNotEmpty();
        // lines, scopes and relationships too, in the same order
        assertThat(fromStream).containsExactlyElementsOf(whole);
        assertThat(streamed.count()).isEqualTo(inMemory.count());
    }

    /** Entries of every wrong shape: skipped alike, their excerpts the value written again. */
    @Test
    void entriesItSkipsAreSkippedAlikeFromAStream() throws Exception {
        String lock = """
                {"lockfileVersion": 3, "packages": {
                  "": {"dependencies": {"left-pad": "^1.3.0"}},
                  "node_modules/bad-entry": ["not", "an", "object"],
                  "node_modules/left-pad": {"version": "1.3.0"},
                  "node_modules/odd": {"version": {"major": 1}},
                  "node_modules/a/node_modules/left-pad": {"version": "1.3.0", "dev": true},
                  "node_modules/": {"version": "1.0.0"},
                  "node_modules/x/node_modules/": {"version": "2.0.0"}
                }}
                """;
        byte[] content = lock.getBytes(StandardCharsets.UTF_8);
        SkippedEntries inMemory = new SkippedEntries();
        List<Dependency> whole = PARSER.parse(content, inMemory);
        SkippedEntries streamed = new SkippedEntries();
        List<Dependency> fromStream = PARSER.parse(trickle(content), content.length, streamed);

        assertThat(fromStream).containsExactlyElementsOf(whole);
        assertThat(whole).extracting(Dependency::name, Dependency::relationship)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("left-pad", Dependency.DIRECT));
        assertThat(streamed.count()).isEqualTo(inMemory.count()).isEqualTo(4);
        assertThat(streamed.listed()).extracting(SkippedEntry::entry)
                .containsExactlyElementsOf(inMemory.listed().stream().map(SkippedEntry::entry).toList());
        assertThat(streamed.listed()).extracting(SkippedEntry::raw).contains("[\"not\",\"an\",\"object\"]",
                "{\"major\":1}");
    }

    @Test
    void aBrokenStreamIsAFailureOfTheFileNotACrash() {
        byte[] content = "{\"packages\": {\"node_modules/a\": {\"version\": \"1.0.0\"".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> PARSER.parse(trickle(content), content.length, new SkippedEntries()))
                .isInstanceOf(DependencyFileException.class).hasMessageStartingWith("package-lock: ");
    }

    /** A stream that gives a few bytes per read, as a network or disk may. */
    static InputStream trickle(byte[] content) {
        return new ByteArrayInputStream(content) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
    }
}
