package io.iocstream.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * The lines of an events file, decoded as UTF-8 strictly. Flink's {@code TextLineInputFormat} turns bytes that are
 * not UTF-8 into U+FFFD in silence, so two refs that differ only there would share their findings; here each such
 * byte becomes the lone surrogate U+DC80..U+DCFF (as Python's "surrogateescape" does), which no UTF-8 decodes to,
 * and the ingest stage dead-letters the line ({@link #undecodable}). A line ends at '\n'; a '\r' before it is dropped.
 */
public final class Utf8LineFormat extends SimpleStreamFormat<String> {

    private static final long serialVersionUID = 1L;
    private static final char ESCAPED_BYTES = 0xDC00;
    private static final int READ_BUFFER = 64 * 1024;
    /** A line buffer grown past this (a huge line) is let go once the line is read. */
    private static final int KEPT_LINE_BUFFER = 1 << 20;

    @Override
    public StreamFormat.Reader<String> createReader(Configuration config, FSDataInputStream stream) {
        return new LineReader(new BufferedInputStream(stream, READ_BUFFER));
    }

    @Override
    public TypeInformation<String> getProducedType() {
        return Types.STRING;
    }

    /** Where the first byte of {@code line} that was not UTF-8 was, or null when every byte was. */
    static String undecodable(String line) {
        int offset = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (isEscapedByte(line, i)) {
                return String.format("byte 0x%02X at byte %d of the line", c & 0xFF, offset + 1);
            }
            offset += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return null;
    }

    /** {@code line} with each byte that was not UTF-8 shown as U+FFFD, for people to read. */
    static String readable(String line) {
        StringBuilder shown = null;
        for (int i = 0; i < line.length(); i++) {
            if (isEscapedByte(line, i)) {
                if (shown == null) {
                    shown = new StringBuilder(line);
                }
                shown.setCharAt(i, '\uFFFD');
            }
        }
        return shown == null ? line : shown.toString();
    }

    // a strict decoder makes surrogates only in pairs, so a low one without its high one is an escaped byte
    private static boolean isEscapedByte(String line, int i) {
        char c = line.charAt(i);
        return c >= ESCAPED_BYTES + 0x80 && c <= ESCAPED_BYTES + 0xFF
                && (i == 0 || !Character.isHighSurrogate(line.charAt(i - 1)));
    }

    /** Decodes {@code length} bytes, each byte that is not UTF-8 escaped as one lone surrogate. */
    static String decode(byte[] bytes, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        // UTF-8 never decodes to more chars than it has bytes, and an escaped byte is one char
        CharBuffer out = CharBuffer.allocate(length);
        CoderResult result;
        while ((result = decoder.decode(in, out, true)).isError()) {
            for (int i = 0; i < result.length(); i++) {
                out.put((char) (ESCAPED_BYTES | in.get() & 0xFF));
            }
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** Reads one line at a time into a reused buffer. */
    private static final class LineReader implements StreamFormat.Reader<String> {
        private final InputStream in;
        private byte[] line = new byte[1024];

        LineReader(InputStream in) {
            this.in = in;
        }

        @Override
        public String read() throws IOException {
            int length = 0;
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (length == line.length) {
                    line = Arrays.copyOf(line, length * 2);
                }
                line[length++] = (byte) b;
            }
            if (b == -1 && length == 0) {
                return null;
            }
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            String text = decode(line, length);
            if (line.length > KEPT_LINE_BUFFER) {
                line = new byte[1024];
            }
            return text;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
