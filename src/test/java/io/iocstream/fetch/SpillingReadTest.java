package io.iocstream.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iocstream.github.GitHubApiException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a body goes: small ones into an array, large ones (announced or found so) into a spool file. */
class SpillingReadTest {

    @TempDir
    Path dir;

    private final byte[] body = "0123456789".repeat(100).getBytes(StandardCharsets.US_ASCII);

    private SpillingRead.Content read(long announced, long max, long streamAbove) throws Exception {
        return SpillingRead.read(new ByteArrayInputStream(body), announced, max, streamAbove,
                () -> Files.createTempFile(dir, "s", ".spool"));
    }

    @Test
    void aBodyUpToTheThresholdIsReadIntoMemory() throws Exception {
        assertThat(read(body.length, 10_000, body.length).bytes()).isEqualTo(body);
        // of unknown length: held in memory while it stays under the threshold
        assertThat(read(-1, 10_000, body.length).bytes()).isEqualTo(body);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aLargerBodyIsSpooledWhetherItsLengthWasAnnouncedOrNot() throws Exception {
        for (long announced : new long[] {body.length, -1}) {
            SpillingRead.Content content = read(announced, 10_000, 100);
            assertThat(content.bytes()).isNull();
            assertThat(content.spool().length()).isEqualTo(body.length);
            assertThat(Files.readAllBytes(Path.of(content.spool().path()))).isEqualTo(body);
            try (var in = content.spool().open()) {
                assertThat(in.readAllBytes()).isEqualTo(body);
            }
            content.spool().delete();
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void streamingOffReadsEveryBodyIntoMemory() throws Exception {
        assertThat(read(body.length, 10_000, 0).bytes()).isEqualTo(body);
    }

    @Test
    void aBodyPastTheCapIsRefusedAndLeavesNoSpool() {
        for (long announced : new long[] {body.length, -1}) {
            assertThatThrownBy(() -> read(announced, 500, 100)).isInstanceOf(GitHubApiException.class)
                    .hasMessageContaining("over the cap of 500");
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aBodyShorterThanAnnouncedIsAFailureAndLeavesNoSpool() {
        assertThatThrownBy(() -> read(body.length + 10, 10_000, 100)).hasMessageContaining("body ended after 1000");
        assertThat(dir).isEmptyDirectory();
    }
}
