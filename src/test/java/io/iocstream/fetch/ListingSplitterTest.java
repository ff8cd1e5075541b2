package io.iocstream.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.changes.ScanMode;
import io.iocstream.changes.ScanRequest;
import io.iocstream.changes.Trigger;
import io.iocstream.core.DeadLetter;
import io.iocstream.parse.ParseFunction;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Listings split into files to read and records ready at once; one the splitter fails on is a dead letter. */
class ListingSplitterTest {

    private static final String C1 = "1111111111111111111111111111111111111111";

    /** A scan with neither a listing nor a failure (which the resolver never sends) stands for any it fails on. */
    @Test
    void aListingTheSplitterFailsOnIsADeadLetterAndTheNextIsSplit() throws Exception {
        ScanRequest request = new ScanRequest("e1", "acme/widget", "refs/heads/main", C1, C1, ScanMode.PATHS,
                Trigger.PUSH, 1, List.of("package.json"), List.of("old.txt"));
        try (var harness = ProcessFunctionTestHarnesses.forProcessFunction(new ListingSplitter())) {
            harness.processElement(new ResolvedScan(request, null, null), 0);
            harness.processElement(ResolvedScan.listed(request, ScanListing.of((Listings) null, request, ParseFunction::carriesIocs)), 0);

            assertThat(harness.getSideOutput(DeadLetter.TAG)).extracting(StreamRecord::getValue).singleElement()
                    .satisfies(dead -> {
                        assertThat(dead.stage()).isEqualTo("fetch");
                        assertThat(dead.origin()).isEqualTo("acme/widget@" + C1);
                        assertThat(dead.reason()).startsWith("failed with NullPointerException");
                        assertThat(dead.raw()).contains("\"eventId\":\"e1\"");
                    });
            assertThat(harness.extractOutputValues()).extracting(FileRef::path).containsExactly("package.json");
            assertThat(harness.getSideOutput(ListingSplitter.READY)).extracting(r -> r.getValue().op())
                    .containsExactly(FileOp.REMOVED);
        }
    }
}
