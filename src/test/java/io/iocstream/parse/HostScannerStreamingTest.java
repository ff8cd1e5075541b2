package io.iocstream.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The host scan over a stream, a window at a time, finds what the scan of the whole array finds: on every real
 * file the tests hold, with windows small enough that hosts and URLs straddle many reads, and with a host, a URL
 * and an address put at every offset across a window's edge.
 */
class HostScannerStreamingTest {

    /** The smallest window the scanner takes, and two more that cut files at other places. */
    private static final int[] WINDOWS = {1_160, 4_099, 65_536};

    static Stream<Path> realFiles() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources"))) {
            List<Path> all = files.filter(Files::isRegularFile).sorted().toList();
            assertThat(all).hasSizeGreaterThan(50);
            return all.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("realFiles")
    void aRealFileStreamedGivesTheHostsAndLinesOfTheWholeFile(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        for (boolean urls : new boolean[] {false, true}) {
            Map<String, Integer> whole = HostScanner.hostLines(content, urls);
            for (int window : WINDOWS) {
                Map<String, Integer> streamed = HostScanner.hostLines(StreamingParseTest.trickle(content), urls,
                        window);
                // the same entries with the same lines, in the same order
                assertThat(List.copyOf(streamed.entrySet())).as("%s, urls %s, window %d", file, urls, window)
                        .containsExactlyElementsOf(whole.entrySet());
            }
        }
    }

    /** Hosts, a URL with a port and path, addresses and a scheme, moved one byte at a time across the edge. */
    @Test
    void hostsAndUrlsThatStraddleTheWindowsEdgeAreFound() throws IOException {
        int window = 1_160;
        // the IPv6 literals stand far from any dotted run, whose own wait for the next window would hide a miss
        String text = "beacon 2001:DB8:0:0::7 and http://[2001:db8::9]:8080/up, not 12:34:56 " + "word ".repeat(120)
                + "\nsee https://evil.example.com:8443/drop/payload.sh, then\nwebhook.site and 203.0.113.7 "
                + "or http://c2.test.co.uk/x.\n";
        for (int padding = window - text.length() - 8; padding < window + 8; padding++) {
            byte[] content = (" ".repeat(padding) + "\n" + text + "x".repeat(padding % 13)).getBytes(
                    StandardCharsets.US_ASCII);
            for (boolean urls : new boolean[] {false, true}) {
                Map<String, Integer> whole = HostScanner.hostLines(content, urls);
                assertThat(whole).containsKeys("evil.example.com", "webhook.site", "203.0.113.7", "2001:db8::7",
                        "2001:db8::9");
                assertThat(List.copyOf(HostScanner.hostLines(new ByteArrayInputStream(content), urls, window)
                        .entrySet())).as("padding %d, urls %s", padding, urls)
                        .containsExactlyElementsOf(whole.entrySet());
            }
        }
    }

    /** A run of host characters longer than the window is passed over; what follows it is still found. */
    @Test
    void aRunLongerThanTheWindowIsPassedOverAndTheRestIsScanned() throws IOException {
        int window = 1_160;
        byte[] content = ("a".repeat(5 * window) + ".com\nhttps://evil.example.com/x\n")
                .getBytes(StandardCharsets.US_ASCII);
        Map<String, Integer> streamed = HostScanner.hostLines(new ByteArrayInputStream(content), true, window);
        assertThat(streamed).containsExactly(Map.entry("evil.example.com", 2), Map.entry("evil.example.com/x", 2));
        assertThat(streamed).isEqualTo(HostScanner.hostLines(content, true));
    }
}
