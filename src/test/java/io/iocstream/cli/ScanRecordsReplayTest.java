package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.iocstream.core.DeadLetter;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.match.Finding;
import io.iocstream.match.ScanRecord;
import io.iocstream.pipeline.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays worlds and reads the scan records beside the findings: one per push or baseline, with counts that add up
 * to the run's, the findings each scan opened, and a fetch that fails counted as failed, not left out.
 */
class ScanRecordsReplayTest {

    private static final String STOREFRONT_PUSH = "eacb9d8e845c478d0cf2cd9c84aebcf11e2b1188";

    @TempDir
    Path dir;

    @Test
    void everyPushOfTheSampleWorldHasOneCompleteScanRecord() throws Exception {
        World world = World.open(SampleWorld.unpack(dir.resolve("world")));
        Path out = dir.resolve("findings.jsonl");
        RunSummary summary = ReplayRun.run(ReplayCommand.options(world, out, null, 2, FetchStrategy.ADAPTIVE, 0, 0,
                true), ReplayRun.Listener.SILENT);
        List<ScanRecord> scans = ReplayOutput.scans(out);
        List<Finding> findings = ReplayOutput.findings(out);

        assertThat(scans).hasSize((int) summary.pushes()).hasSize(9);
        assertThat(summary.scans()).isEqualTo(9);
        assertThat(summary.scansNotFullyRead()).isZero();
        assertThat(scans).allSatisfy(scan -> {
            assertThat(scan.complete()).isTrue();
            assertThat(scan.listingFailed()).isFalse();
            assertThat(scan.filesFailed()).isZero();
            assertThat(scan.filesConsidered())
                    .isEqualTo(scan.filesFetched() + scan.filesTooLarge() + scan.filesFailed());
        });
        assertThat(scans.stream().mapToLong(ScanRecord::filesFetched).sum()).isEqualTo(summary.filesFetched());
        // each ref's scans in order, numbered without gaps
        assertThat(scans).filteredOn(scan -> scan.repo().equals("acme/storefront")
                && scan.ref().equals("refs/heads/main")).extracting(ScanRecord::scanSeq).containsExactly(1L, 2L);
        assertThat(scans).extracting(ScanRecord::scanType).contains("tree", "changes", "ref_deleted");

        // what each scan opened is what the findings say it opened (a retro hunt is no scan's)
        List<Finding> openedByScans = findings.stream()
                .filter(f -> f.status().equals("open") && !f.trigger().equals("retro_hunt")).toList();
        assertThat(scans.stream().mapToInt(ScanRecord::findingsOpened).sum()).isEqualTo(openedByScans.size());
        for (Finding finding : openedByScans) {
            assertThat(scans).filteredOn(scan -> scan.repo().equals(finding.repo()) && scan.ref().equals(finding.ref())
                    && scan.commit().equals(finding.commit()))
                    .as("the scan that opened %s", finding.findingId())
                    .anySatisfy(scan -> {
                        assertThat(scan.opened()).extracting(ScanRecord.OpenedFinding::findingId)
                                .contains(finding.findingId());
                        assertThat(scan.iocIds()).containsAll(finding.iocIds());
                    });
        }
        long resolvedByScans = findings.stream()
                .filter(f -> f.status().equals("resolved") && !f.trigger().equals("retro_hunt")).count();
        assertThat(scans.stream().mapToInt(ScanRecord::findingsResolved).sum()).isEqualTo(resolvedByScans);
    }

    @Test
    void aFileThatCannotBeFetchedCompletesItsScanAsFailed() throws Exception {
        Path root = SampleWorld.unpack(dir.resolve("world"));
        // the push of line 6 changed src/index.js; the commit no longer has it, so every read of it is a 404
        Files.delete(root.resolve("repos/acme/storefront/" + STOREFRONT_PUSH + "/src/index.js"));
        World world = World.open(root);
        Path out = dir.resolve("findings.jsonl");
        RunSummary summary = ReplayRun.run(ReplayCommand.options(world, out, null, 2, FetchStrategy.ADAPTIVE, 0, 0,
                true), ReplayRun.Listener.SILENT);
        List<ScanRecord> scans = ReplayOutput.scans(out);

        assertThat(scans).hasSize(9);
        assertThat(scans).filteredOn(scan -> STOREFRONT_PUSH.equals(scan.commit())
                        && scan.ref().equals("refs/heads/main"))
                .extracting(ScanRecord::trigger, ScanRecord::complete, ScanRecord::filesConsidered,
                        ScanRecord::filesFetched, ScanRecord::filesFailed, ScanRecord::fullyRead)
                .containsExactly(tuple("push", true, 3, 2, 1, false));
        assertThat(summary.scansNotFullyRead()).isEqualTo(1);
        assertThat(ReplayOutput.deadLetters(out)).extracting(DeadLetter::stage, DeadLetter::origin)
                .anySatisfy(stageAndOrigin -> assertThat(stageAndOrigin.toList().get(1).toString())
                        .contains(STOREFRONT_PUSH).contains("src/index.js"));
    }

    @Test
    void theSequentialBaselineCountsAlike() throws Exception {
        Path root = SampleWorld.unpack(dir.resolve("world"));
        Files.delete(root.resolve("repos/acme/storefront/" + STOREFRONT_PUSH + "/src/index.js"));
        Path out = dir.resolve("findings.jsonl");
        ReplayRun.run(ReplayCommand.options(World.open(root), out, null, 1, FetchStrategy.SEQUENTIAL, 0, 0, true),
                ReplayRun.Listener.SILENT);
        assertThat(ReplayOutput.scans(out)).filteredOn(scan -> STOREFRONT_PUSH.equals(scan.commit())
                        && scan.ref().equals("refs/heads/main"))
                .extracting(ScanRecord::filesConsidered, ScanRecord::filesFetched, ScanRecord::filesFailed)
                .containsExactly(tuple(3, 2, 1));
    }
}
