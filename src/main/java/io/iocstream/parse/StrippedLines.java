package io.iocstream.parse;

/**
 * A text's lines as bounds in it, each stripped as {@link String#strip} strips it, for the line parsers that read
 * their fields in place: no line is copied out. The lines are those of {@link FileFormats#lines}.
 */
final class StrippedLines {

    private final String text;
    private int next;
    private int number;
    private int start;
    private int end;

    StrippedLines(String text) {
        this.text = text;
    }

    /** Moves to the next line; false when there is none. */
    boolean next() {
        if (next > text.length()) {
            return false;
        }
        int newline = text.indexOf('\n', next);
        int lineEnd = newline < 0 ? text.length() : newline;
        start = FileFormats.stripStart(text, next, lineEnd);
        end = FileFormats.stripEnd(text, start, lineEnd);
        next = lineEnd + 1;
        number++;
        return true;
    }

    /** The line's number, from 1. */
    int number() {
        return number;
    }

    /** Where the stripped line begins in the text. */
    int start() {
        return start;
    }

    /** Where the stripped line ends in the text. */
    int end() {
        return end;
    }

    boolean isEmpty() {
        return start == end;
    }

    boolean startsWith(String prefix) {
        return end - start >= prefix.length() && text.startsWith(prefix, start);
    }
}
