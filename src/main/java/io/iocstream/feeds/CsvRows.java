package io.iocstream.feeds;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.iocstream.core.DeadLetter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a feed CSV as Jackson's CSV parser reads them (quoted fields, embedded commas and quotes), each with
 * the 1-based line it starts on and its raw text for dead letters. Blank lines and {@code #} comment lines are
 * skipped; cells are trimmed.
 */
final class CsvRows {

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.ALLOW_COMMENTS)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .build();

    /** One row: where it starts, its cells, and the text it was read from. */
    record Row(int line, List<String> cells, String raw) {
        Row {
            cells = List.copyOf(cells);
        }
    }

    /**
     * The rows read, and, when the CSV broke off (an unclosed quote), the line where reading stopped and why;
     * {@code failure} is null when the whole text was read.
     */
    record Table(List<Row> rows, int failedAtLine, String failure) {}

    private CsvRows() {}

    static Table read(String text) {
        String[] lines = text.split("\r?\n|\r", -1);
        List<Row> rows = new ArrayList<>();
        int rowStart = 0;
        try (JsonParser parser = CSV.createParser(text)) {
            JsonToken token;
            List<String> cells = new ArrayList<>();
            int lastLine = 0;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_ARRAY) {
                    // the array's own location is not the row's line: the first cell's is
                    rowStart = 0;
                    cells = new ArrayList<>();
                } else if (token == JsonToken.VALUE_STRING) {
                    if (rowStart == 0) {
                        rowStart = parser.currentTokenLocation().getLineNr();
                    }
                    cells.add(parser.getText());
                    lastLine = parser.currentLocation().getLineNr();
                } else if (token == JsonToken.END_ARRAY) {
                    rows.add(new Row(rowStart, cells, raw(lines, rowStart, lastLine)));
                    rowStart = 0;
                }
            }
            return new Table(rows, 0, null);
        } catch (IOException e) {
            int line = rowStart > 0 ? rowStart : rows.isEmpty() ? 1 : rows.get(rows.size() - 1).line() + 1;
            return new Table(rows, line, DeadLetter.firstLine(e));
        }
    }

    private static String raw(String[] lines, int from, int to) {
        int end = Math.min(Math.max(from, to), lines.length);
        return String.join("\n", java.util.Arrays.asList(lines).subList(Math.max(from - 1, 0), end)).strip();
    }
}
