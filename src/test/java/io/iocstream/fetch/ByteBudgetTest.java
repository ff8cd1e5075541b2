package io.iocstream.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bytes-in-flight budget: room by bytes, a file larger than the budget alone, and alone on request. */
class ByteBudgetTest {

    private final ByteBudget budget = new ByteBudget(100);

    @Test
    void filesGoTogetherWhileTheirBytesFit() throws Exception {
        budget.acquire(60, false);
        budget.acquire(40, false);
        assertThat(budget.inUse()).isEqualTo(100);
    }

    @Test
    void aFileThatDoesNotFitWaitsForRoom() throws Exception {
        budget.acquire(60, false);
        CompletableFuture<Void> next = acquireLater(50, false);
        assertThat(next).isNotDone();
        budget.release(60);
        next.get(5, TimeUnit.SECONDS);
        assertThat(budget.inUse()).isEqualTo(50);
    }

    @Test
    void aFileLargerThanTheWholeBudgetGoesAloneOnceNothingElseIsInFlight() throws Exception {
        budget.acquire(10, false);
        CompletableFuture<Void> huge = acquireLater(500, false);
        assertThat(huge).isNotDone();
        budget.release(10);
        huge.get(5, TimeUnit.SECONDS);
        assertThat(budget.inUse()).isEqualTo(500);
    }

    @Test
    void aFileAskedToGoAloneWaitsEvenWhenItWouldFit() throws Exception {
        budget.acquire(10, false);
        CompletableFuture<Void> alone = acquireLater(10, true);
        assertThat(alone).isNotDone();
        budget.release(10);
        alone.get(5, TimeUnit.SECONDS);
        assertThat(budget.inUse()).isEqualTo(10);
    }

    @Test
    void noCapLetsEverythingThrough() throws Exception {
        ByteBudget unlimited = new ByteBudget(0);
        unlimited.acquire(Long.MAX_VALUE / 2, true);
        unlimited.acquire(Long.MAX_VALUE / 2, true);
        assertThat(unlimited.inUse()).isZero();
    }

    /** Starts an acquire on another thread and gives it time to block, if it is going to. */
    private CompletableFuture<Void> acquireLater(long bytes, boolean alone) throws InterruptedException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                budget.acquire(bytes, alone);
                done.complete(null);
            } catch (InterruptedException e) {
                done.completeExceptionally(e);
            }
        });
        thread.setDaemon(true);
        thread.start();
        thread.join(200);
        return done;
    }
}
