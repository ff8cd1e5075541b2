package io.iocstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The events file reader on real files through Flink's local file system. */
class Utf8LineFormatTest {

    @TempDir
    Path dir;

    @Test
    void validLinesReadAsTextLineInputFormatReadsThem() throws Exception {
        assertThat(read("{\"a\":1}\n\ncafé 😀\r\nlast".getBytes(StandardCharsets.UTF_8)))
                .containsExactly("{\"a\":1}", "", "café 😀", "last");
        assertThat(read("one\n".getBytes(StandardCharsets.UTF_8))).containsExactly("one");
        assertThat(read(new byte[0])).isEmpty();
        for (String line : read("{\"a\":1}\n\ncafé 😀\r\nlast".getBytes(StandardCharsets.UTF_8))) {
            assertThat(Utf8LineFormat.undecodable(line)).isNull();
            assertThat(Utf8LineFormat.readable(line)).isSameAs(line);
        }
    }

    @Test
    void bytesThatAreNotUtf8AreKeptApartAndFound() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write("caf".getBytes(StandardCharsets.US_ASCII));
        file.write(0xC3);
        file.write('\n');
        file.write("caf".getBytes(StandardCharsets.US_ASCII));
        file.write(0xC4);
        file.write('\n');
        // a valid 4-byte character, then a surrogate encoded in UTF-8 (which UTF-8 forbids), then a lone 0xFF
        file.write("😀".getBytes(StandardCharsets.UTF_8));
        file.write(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, 'x', (byte) 0xFF});
        List<String> lines = read(file.toByteArray());

        assertThat(lines).hasSize(3).doesNotHaveDuplicates();
        assertThat(Utf8LineFormat.undecodable(lines.get(0))).isEqualTo("byte 0xC3 at byte 4 of the line");
        assertThat(Utf8LineFormat.undecodable(lines.get(1))).isEqualTo("byte 0xC4 at byte 4 of the line");
        assertThat(Utf8LineFormat.undecodable(lines.get(2))).isEqualTo("byte 0xED at byte 5 of the line");
        assertThat(Utf8LineFormat.readable(lines.get(0))).isEqualTo("caf\uFFFD");
        assertThat(Utf8LineFormat.readable(lines.get(2))).isEqualTo("😀\uFFFD\uFFFD\uFFFDx\uFFFD");
    }

    @Test
    void aLineOfUndecodableBytesIsRejectedByTheParser() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write("{\"ref\": \"refs/heads/caf".getBytes(StandardCharsets.US_ASCII));
        file.write(0xC3);
        file.write("\"}".getBytes(StandardCharsets.US_ASCII));
        ParsedEvent parsed = PushEventParser.parse(read(file.toByteArray()).get(0));
        assertThat(parsed.event()).isNull();
        assertThat(parsed.reason()).isEqualTo("not valid UTF-8: byte 0xC3 at byte 24 of the line");
    }

    @Test
    void aLongLineIsReadWhole() throws Exception {
        String longLine = "x".repeat(3 << 20);
        assertThat(read((longLine + "\nshort\n").getBytes(StandardCharsets.US_ASCII)))
                .containsExactly(longLine, "short");
    }

    private List<String> read(byte[] content) throws Exception {
        Path file = dir.resolve("events-" + System.nanoTime() + ".ndjson");
        Files.write(file, content);
        org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(file.toUri());
        List<String> lines = new ArrayList<>();
        try (StreamFormat.Reader<String> reader = new Utf8LineFormat()
                .createReader(new Configuration(), FileSystem.getLocalFileSystem().open(path))) {
            for (String line = reader.read(); line != null; line = reader.read()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
