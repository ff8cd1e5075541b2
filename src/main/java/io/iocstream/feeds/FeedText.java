package io.iocstream.feeds;

import io.iocstream.core.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of a line-based feed file (CSV, TXT) as UTF-8, without the byte-order mark some editors write first. A
 * line that is not UTF-8 is left blank, keeping its line break so that line numbers stay true, and is a dead letter:
 * one stray Latin-1 byte costs its line, not the file.
 *
 * @param text        the file's text, lines that are not UTF-8 blanked
 * @param deadLetters one per line that is not UTF-8
 */
record FeedText(String text, List<DeadLetter> deadLetters) {

    FeedText {
        deadLetters = List.copyOf(deadLetters);
    }

    static FeedText read(FeedFile file, byte[] bytes) {
        // a mark left in front would become part of the first entry's name, which then never matches
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder();
        CharBuffer whole = CharBuffer.allocate(bytes.length - start);
        if (decode(strict, bytes, start, bytes.length, whole) < 0) {
            return new FeedText(whole.flip().toString(), List.of());
        }
        return byLine(file, bytes, start, strict);
    }

    /** Decodes line by line, blanking lines that are not UTF-8; lines end at {@code \n}, {@code \r\n} or {@code \r}. */
    private static FeedText byLine(FeedFile file, byte[] bytes, int start, CharsetDecoder strict) {
        StringBuilder text = new StringBuilder(bytes.length);
        List<DeadLetter> deadLetters = new ArrayList<>();
        CharBuffer line = CharBuffer.allocate(bytes.length);
        int lineNumber = 1;
        for (int from = start; from < bytes.length; lineNumber++) {
            int end = from;
            while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
                end++;
            }
            int bad = decode(strict, bytes, from, end, line.clear());
            if (bad < 0) {
                text.append(line.flip());
            } else {
                String raw = new String(bytes, from, end - from, StandardCharsets.UTF_8);
                deadLetters.add(file.deadLetter(lineNumber, String.format(
                        "line %d is not UTF-8 (byte 0x%02X at column %d): feed files are read as UTF-8, so the line "
                                + "is left out", lineNumber, bytes[bad] & 0xFF, bad - from + 1), raw));
            }
            int next = end < bytes.length && bytes[end] == '\r' && end + 1 < bytes.length && bytes[end + 1] == '\n'
                    ? end + 2 : Math.min(end + 1, bytes.length);
            text.append(new String(bytes, end, next - end, StandardCharsets.US_ASCII));
            from = next;
        }
        return new FeedText(text.toString(), deadLetters);
    }

    /** Decodes {@code bytes[from, to)} into {@code out}; the index of the first byte that is not UTF-8, or -1. */
    private static int decode(CharsetDecoder strict, byte[] bytes, int from, int to, CharBuffer out) {
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CoderResult result = strict.reset().decode(in, out, true);
        if (result.isError()) {
            return in.position();
        }
        strict.flush(out);
        return -1;
    }
}
