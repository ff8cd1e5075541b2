package io.iocstream.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The rate budget's rules on headers as GitHub sends them: its share of each window, answers out of order, resets. */
class RateBudgetTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_000);

    @Test
    void withTheWholeWindowItWaitsOnlyWhenASpentResourceHasNotReset() {
        RateBudget budget = new RateBudget(1.0);
        assertThat(budget.left()).isEqualTo(1.0);
        assertThat(budget.requestsLeft(NOW)).isEqualTo(Long.MAX_VALUE);
        assertThat(take(budget, "core")).isZero();

        budget.update("core", "5000", "250", "1060");
        budget.update("graphql", "5000", "0", "1030");
        assertThat(budget.left()).isZero();
        assertThat(take(budget, "core")).isZero();
        assertThat(budget.reserve("graphql", NOW)).isEqualTo(Duration.ofSeconds(31));
        assertThat(take(budget, "graphql", Instant.ofEpochSecond(2_000))).isZero();

        budget.update("core", "garbage", "1", "2");
        assertThat(take(budget, "core")).isZero();
    }

    @Test
    void itSpendsItsShareOfTheWindowAndLeavesTheRest() {
        RateBudget budget = new RateBudget(0.5);
        budget.update("core", "10", "6", "1060");
        assertThat(budget.left()).isEqualTo(0.2);
        assertThat(take(budget, "core")).isZero();

        budget.update("core", "10", "5", "1060");
        assertThat(budget.left()).isZero();
        // half of ten is the others': wait for the reset, a second's margin added
        assertThat(budget.reserve("core", NOW)).isEqualTo(Duration.ofSeconds(61));
        assertThat(take(budget, "core", Instant.ofEpochSecond(1_061))).isZero();
    }

    @Test
    void requestsInFlightCountAgainstTheShareUntilSettled() {
        RateBudget budget = new RateBudget(0.5);
        budget.update("core", "10", "7", "1060");
        assertThat(budget.reserve("core", NOW)).isZero();
        assertThat(budget.reserve("core", NOW)).isZero();
        // two out, none answered: 7 - 2 leaves only the others' five
        assertThat(budget.reserve("core", NOW)).isEqualTo(RateBudget.IN_FLIGHT_POLL);

        assertThat(budget.requestsLeft(NOW)).isZero();

        budget.settle("core");
        assertThat(budget.requestsLeft(NOW)).isEqualTo(1);
        assertThat(budget.reserve("core", NOW)).isZero();
        // once the window has reset, the whole share is back but for what is still in flight
        assertThat(budget.requestsLeft(Instant.ofEpochSecond(1_061))).isEqualTo(3);
    }

    @Test
    void anAnswerThatOvertookAnotherDoesNotRaiseTheCount() {
        RateBudget budget = new RateBudget(0.5);
        budget.update("core", "10", "5", "1060");
        budget.update("core", "10", "8", "1060");
        assertThat(budget.reserve("core", NOW)).isEqualTo(Duration.ofSeconds(61));
        // an answer of the window before is over
        budget.update("core", "10", "9", "1000");
        assertThat(budget.reserve("core", NOW)).isEqualTo(Duration.ofSeconds(61));
        // the next window's first answer replaces it
        budget.update("core", "10", "9", "4600");
        assertThat(take(budget, "core")).isZero();
    }

    private static Duration take(RateBudget budget, String resource) {
        return take(budget, resource, NOW);
    }

    /** Reserves and at once settles, as a request that was answered. */
    private static Duration take(RateBudget budget, String resource, Instant now) {
        Duration wait = budget.reserve(resource, now);
        if (wait.isZero()) {
            budget.settle(resource);
        }
        return wait;
    }
}
