package io.iocstream.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.streaming.runtime.tasks.ExceptionInChainedOperatorException;
import org.junit.jupiter.api.Test;

/** What the guard catches (one record's failure), what it lets through (the JVM's and others'), and what it keeps. */
class RecordGuardTest {

    private final LongCounter failed = new LongCounter();
    private final SimpleCounter metric = new SimpleCounter();
    private final RecordGuard guard = new RecordGuard("parse", failed, metric);
    private final List<DeadLetter> deadLetters = new ArrayList<>();

    @Test
    void aRealStackOverflowIsADeadLetterWithAOneLineReasonAndIsCounted() {
        String raw = "x".repeat(10_000);

        Integer result = guard.call(() -> depth(0), () -> "acme/app@c1:deep.json", () -> raw, deadLetters::add);

        assertThat(result).isNull();
        assertThat(deadLetters).singleElement().satisfies(d -> {
            assertThat(d.stage()).isEqualTo("parse");
            assertThat(d.origin()).isEqualTo("acme/app@c1:deep.json");
            assertThat(d.reason()).isEqualTo("failed with StackOverflowError");
            assertThat(d.raw()).hasSize(RecordGuard.RAW_EXCERPT).isEqualTo(raw.substring(0, RecordGuard.RAW_EXCERPT));
        });
        assertThat(failed.getLocalValue()).isEqualTo(1);
        assertThat(metric.getCount()).isEqualTo(1);
    }

    @Test
    void aRuntimeExceptionKeepsTheFirstLineOfItsMessageOnly() {
        boolean done = guard.run(() -> {
            throw new IllegalStateException("bad record\n\tat some.Frame(Frame.java:1)");
        }, () -> "origin", () -> "raw", deadLetters::add);

        assertThat(done).isFalse();
        assertThat(deadLetters).singleElement().extracting(DeadLetter::reason)
                .isEqualTo("failed with IllegalStateException: bad record");
    }

    @Test
    void workThatCompletesGivesItsResultAndNoDeadLetter() {
        assertThat(guard.call(() -> 42, () -> "origin", () -> "raw", deadLetters::add)).isEqualTo(42);
        assertThat(guard.run(() -> {}, () -> "origin", () -> "raw", deadLetters::add)).isTrue();
        assertThat(deadLetters).isEmpty();
        assertThat(failed.getLocalValue()).isZero();
    }

    @Test
    void outOfMemoryCheckedExceptionsAndALaterOperatorsFailurePassThrough() {
        assertThatThrownBy(() -> guard.run(() -> {
            throw new OutOfMemoryError("Java heap space");
        }, () -> "origin", () -> "raw", deadLetters::add)).isInstanceOf(OutOfMemoryError.class);
        assertThatThrownBy(() -> guard.run(() -> {
            throw new IOException("state backend");
        }, () -> "origin", () -> "raw", deadLetters::add)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> guard.run(() -> {
            throw new ExceptionInChainedOperatorException(new IllegalStateException("sink"));
        }, () -> "origin", () -> "raw", deadLetters::add)).isInstanceOf(ExceptionInChainedOperatorException.class);
        assertThat(deadLetters).isEmpty();
        assertThat(failed.getLocalValue()).isZero();
    }

    @Test
    void aRecordThatCannotEvenBeDescribedStillGivesItsDeadLetter() {
        guard.run(() -> {
            throw new IllegalArgumentException("no");
        }, () -> "origin", () -> {
            throw new StackOverflowError();
        }, deadLetters::add);

        assertThat(deadLetters).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo("failed with IllegalArgumentException: no");
            assertThat(d.raw()).isEmpty();
        });
    }

    /** Recursion without end: a real stack overflow, as a parser's on a hostile input. */
    private static int depth(int n) {
        return depth(n + 1) + 1;
    }
}
