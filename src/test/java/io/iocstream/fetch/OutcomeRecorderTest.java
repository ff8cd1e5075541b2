package io.iocstream.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.changes.Trigger;
import io.iocstream.core.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outcomes become fetched files or dead letters, and a passed-on file leaves no reference to its bytes behind. */
class OutcomeRecorderTest {

    private static final FileRef FILE = new FileRef("acme/widget", "refs/heads/main",
            "1111111111111111111111111111111111111111", "package-lock.json", Trigger.PUSH, 1, 1, null, 5);

    private OneInputStreamOperatorTestHarness<FetchOutcome, FetchedFile> harness;

    @BeforeEach
    void open() throws Exception {
        // no request is ever sent: the recorder only reports the service's request count
        harness = new OneInputStreamOperatorTestHarness<>(new OutcomeRecorder(
                FetchSettings.of("http://127.0.0.1:9", null, FetchStrategy.ADAPTIVE)));
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aReadFileIsPassedOnAndItsRecordEmptiedOnceParsed() throws Exception {
        byte[] content = "{}\n  ".getBytes(StandardCharsets.UTF_8);
        StreamRecord<FetchOutcome> record = new StreamRecord<>(FetchOutcome.read(FILE, content));
        harness.processElement(record);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(file -> {
            assertThat(file.op()).isEqualTo(FileOp.CONTENT);
            assertThat(file.path()).isEqualTo("package-lock.json");
            assertThat(file.content()).isEqualTo(content);
        });
        // Flink chains hand this very record on; left filled, it would hold the file's bytes until the next one
        assertThat(record.getValue()).isNull();
    }

    @Test
    void aSpooledFileIsPassedOnAsItsSpoolWhichGoesOnceParsed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("file-1.spool"), "{}");
        Spool spool = new Spool(file.toString(), 2);
        harness.processElement(new StreamRecord<>(FetchOutcome.spooled(FILE, spool)));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(fetched -> {
            assertThat(fetched.op()).isEqualTo(FileOp.CONTENT);
            assertThat(fetched.content()).isNull();
            assertThat(fetched.spool()).isEqualTo(spool);
        });
        // the parser chained to the recorder has read it by now
        assertThat(file).doesNotExist();
    }

    @Test
    void aFailedFileIsADeadLetterAndAFailedRecord() throws Exception {
        harness.processElement(new StreamRecord<>(FetchOutcome.failed(FILE, "not found at 1111", false)));

        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(file -> assertThat(file.op()).isEqualTo(FileOp.FAILED));
        assertThat(harness.getSideOutput(DeadLetter.TAG)).singleElement()
                .satisfies(dead -> assertThat(dead.getValue().reason()).contains("not found"));
    }

    /** A read without bytes (which the fetcher never sends) stands for any outcome this stage fails on. */
    @Test
    void anOutcomeTheStageFailsOnIsADeadLetterAndAFailedRecordAndTheNextIsPassedOn() throws Exception {
        harness.processElement(new StreamRecord<>(FetchOutcome.read(FILE, null)));
        harness.processElement(new StreamRecord<>(FetchOutcome.read(FILE, "{}".getBytes(StandardCharsets.UTF_8))));

        assertThat(harness.extractOutputValues()).extracting(FetchedFile::op)
                .containsExactly(FileOp.FAILED, FileOp.CONTENT);
        assertThat(harness.getSideOutput(DeadLetter.TAG)).singleElement().satisfies(dead -> {
            assertThat(dead.getValue().stage()).isEqualTo("fetch");
            assertThat(dead.getValue().origin()).isEqualTo("acme/widget@1111111111111111111111111111111111111111"
                    + ":package-lock.json");
            assertThat(dead.getValue().reason()).startsWith("failed with NullPointerException");
            assertThat(dead.getValue().raw()).contains("\"path\":\"package-lock.json\"");
        });
    }
}
