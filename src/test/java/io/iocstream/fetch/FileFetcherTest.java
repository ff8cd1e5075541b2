package io.iocstream.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** What the async operator retries: surprises, but never an out-of-memory error, which must fail the job. */
class FileFetcherTest {

    private final FileFetcher.AnyException retried = new FileFetcher.AnyException();

    @Test
    void anUnexpectedExceptionIsRetried() {
        assertThat(retried.test(new IOException("connection reset"))).isTrue();
        assertThat(retried.test(new IllegalStateException("surprise"))).isTrue();
    }

    @Test
    void anOutOfMemoryErrorIsNotRetried() {
        assertThat(retried.test(new OutOfMemoryError("Java heap space"))).isFalse();
    }
}
