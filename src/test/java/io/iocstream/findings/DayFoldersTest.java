package io.iocstream.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.match.Finding;
import java.util.List;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.junit.jupiter.api.Test;

/** A finding's day folder is the UTC day of its detected_at, whatever offset the time was written with. */
class DayFoldersTest {

    private static final BucketAssigner.Context AT_NOON_2026_01_01 = new BucketAssigner.Context() {
        @Override
        public long currentProcessingTime() {
            return 1_767_268_800_000L;
        }

        @Override
        public long currentWatermark() {
            return Long.MIN_VALUE;
        }

        @Override
        public Long timestamp() {
            return null;
        }
    };

    @Test
    void aFindingIsFiledUnderTheUtcDayItWasDetected() {
        DayFolders.DetectedDay days = new DayFolders.DetectedDay();

        assertThat(days.getBucketId(detectedAt("2026-12-06T23:59:59.999Z"), AT_NOON_2026_01_01))
                .isEqualTo("day=2026-12-06");
        assertThat(days.getBucketId(detectedAt("2026-12-06T23:30:00-02:00"), AT_NOON_2026_01_01))
                .isEqualTo("day=2026-12-07");
    }

    @Test
    void aFindingWithoutAReadableTimeIsFiledUnderTheDayItWasWritten() {
        assertThat(new DayFolders.DetectedDay().getBucketId(detectedAt("yesterday"), AT_NOON_2026_01_01))
                .isEqualTo("day=2026-01-01");
    }

    @Test
    void aDayFileLineIsTheFindingAsTheReplayWritesIt() throws Exception {
        Finding finding = detectedAt("2026-12-06T10:00:00Z");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new DayFolders.JsonLine<Finding>().encode(finding, out);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(JsonLines.of(finding) + "\n");
    }

    private static Finding detectedAt(String time) {
        return new Finding(1, "f-1", "open", "push", "acme/api", "refs/heads/main", "a".repeat(40), "package-lock.json",
                "package", "npm", "chalk", "5.6.1", null, List.of("MAL-2025-46969"), "critical", time, null, null, null,
                null, null, null, List.of(), List.of(), null, null, null);
    }
}
