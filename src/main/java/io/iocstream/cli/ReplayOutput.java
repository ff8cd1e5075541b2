package io.iocstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.core.DeadLetter;
import io.iocstream.match.Finding;
import io.iocstream.match.ScanRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a replay wrote, read back: its findings file and the dead-letter and scans files beside it (bench, tests). */
final class ReplayOutput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplayOutput() {}

    static List<Finding> findings(Path out) throws IOException {
        return read(out, Finding.class);
    }

    static List<DeadLetter> deadLetters(Path out) throws IOException {
        return read(ReplayRun.deadLetterPath(out), DeadLetter.class);
    }

    static List<ScanRecord> scans(Path out) throws IOException {
        return read(ReplayRun.scansPath(out), ScanRecord.class);
    }

    private static <T> List<T> read(Path file, Class<T> type) throws IOException {
        List<T> records = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            records.add(JSON.readValue(line, type));
        }
        return records;
    }
}
