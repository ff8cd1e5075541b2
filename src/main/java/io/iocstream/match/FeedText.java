package io.iocstream.match;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** The text of a line-based feed file (CSV, TXT) as UTF-8, without the byte-order mark some editors write first. */
final class FeedText {

    private FeedText() {}

    static String read(FeedFile file) throws IOException {
        String text = Files.readString(file.path(), StandardCharsets.UTF_8);
        // a mark left in front would become part of the first entry's name, which then never matches
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
