package io.iocstream.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Batch sizing by bytes as well as by files: what slow answers and timeouts teach the controller. */
class AdaptiveControllerTest {

    private final FetchTuning adaptive = FetchTuning.of(FetchStrategy.ADAPTIVE);

    @Test
    void aSlowAnswerBoundsTheNextBatchesToWhatTheTargetTimeAllows() {
        AdaptiveController controller = new AdaptiveController(adaptive);
        assertThat(controller.batchBytes()).isEqualTo(adaptive.maxBatchBytes());
        // 25 files, 4 MB in 8 s: at that pace the 2 s target holds a quarter of each
        controller.answered(Duration.ofSeconds(8), 25, 4_000_000);
        assertThat(controller.batchBytes()).isEqualTo(1_000_000);
        assertThat(controller.batchSize()).isEqualTo(6);
    }

    @Test
    void aTimeoutHalvesFilesAndBytesButNotConcurrency() {
        AdaptiveController controller = new AdaptiveController(adaptive);
        int concurrency = controller.concurrency();
        controller.timedOut(25, 6_000_000);
        assertThat(controller.batchSize()).isEqualTo(12);
        assertThat(controller.batchBytes()).isEqualTo(3_000_000);
        assertThat(controller.concurrency()).isEqualTo(concurrency);
    }

    @Test
    void fastAnswersLetTheByteBoundGrowBackToTheTuningsCap() {
        AdaptiveController controller = new AdaptiveController(adaptive);
        controller.timedOut(25, 1_000_000);
        long after = controller.batchBytes();
        controller.answered(Duration.ofMillis(300), 12, 100_000);
        assertThat(controller.batchBytes()).isEqualTo(after + after / 4);
        for (int i = 0; i < 100; i++) {
            controller.answered(Duration.ofMillis(300), 12, 100_000);
        }
        assertThat(controller.batchBytes()).isEqualTo(adaptive.maxBatchBytes());
    }

    @Test
    void filesOfUnknownSizeWeighWhatAnsweredFilesWeighed() {
        AdaptiveController controller = new AdaptiveController(adaptive);
        assertThat(controller.typicalFileBytes()).isEqualTo(AdaptiveController.UNKNOWN_FILE_BYTES);
        for (int i = 0; i < 50; i++) {
            controller.answered(Duration.ofMillis(300), 10, 10 * 200_000);
        }
        assertThat(controller.typicalFileBytes()).isBetween(190_000L, 200_000L);
    }

    @Test
    void aFixedStrategyLearnsNothing() {
        FetchTuning conservative = FetchTuning.of(FetchStrategy.CONSERVATIVE);
        AdaptiveController controller = new AdaptiveController(conservative);
        controller.answered(Duration.ofSeconds(8), 10, 4_000_000);
        controller.timedOut(10, 4_000_000);
        assertThat(controller.batchSize()).isEqualTo(conservative.initialBatch());
        assertThat(controller.batchBytes()).isEqualTo(conservative.maxBatchBytes());
    }
}
