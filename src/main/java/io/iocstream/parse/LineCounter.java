package io.iocstream.parse;

/**
 * The line an offset of a text stands on, for parsers whose reader does not tell lines (Jackson's TOML tree). It
 * counts line feeds from the last offset asked for, so offsets asked for in order cost one pass over the text; an
 * offset before the last one counts again from the start.
 */
final class LineCounter {

    private final String text;
    private int offset;
    private int line = 1;

    LineCounter(String text) {
        this.text = text;
    }

    /** The 1-based line of {@code at}. */
    int lineAt(int at) {
        if (at < offset) {
            offset = 0;
            line = 1;
        }
        for (int feed = text.indexOf('\n', offset); feed >= 0 && feed < at; feed = text.indexOf('\n', feed + 1)) {
            line++;
        }
        offset = at;
        return line;
    }
}
