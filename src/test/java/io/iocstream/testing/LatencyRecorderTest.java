package io.iocstream.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void percentilesAreNearestRankWhateverTheOrderOfRecording() {
        List<Long> values = new ArrayList<>();
        for (long v = 1; v <= 1000; v++) {
            values.add(v * 1_000_000);
        }
        Collections.shuffle(values, new Random(18));
        LatencyRecorder recorder = new LatencyRecorder();
        values.forEach(recorder::record);

        assertThat(recorder.count()).isEqualTo(1000);
        assertThat(recorder.percentile(50)).isEqualTo(500_000_000L);
        assertThat(recorder.percentile(99)).isEqualTo(990_000_000L);
        assertThat(recorder.percentile(99.9)).isEqualTo(999_000_000L);
        assertThat(recorder.max()).isEqualTo(1_000_000_000L);
        assertThat(recorder.percentile(0.01)).isEqualTo(1_000_000L);
        assertThat(recorder.summaryMillis()).isEqualTo("500 / 990 / 1,000 ms (n=1,000)");
    }

    @Test
    void aRecordingAfterAReadIsCounted() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(5);
        assertThat(recorder.max()).isEqualTo(5);
        recorder.record(9);
        assertThat(recorder.max()).isEqualTo(9);
        assertThat(recorder.percentile(50)).isEqualTo(5);
    }

    @Test
    void emptyAndInvalidInputsAreSaidSo() {
        LatencyRecorder recorder = new LatencyRecorder();
        assertThat(recorder.percentile(99)).isEqualTo(-1);
        assertThat(recorder.summaryMillis()).isEqualTo("none");
        assertThatThrownBy(() -> recorder.record(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> recorder.percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> recorder.percentile(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
