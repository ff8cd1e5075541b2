package io.iocstream.feeds;

import java.util.List;
import java.util.Locale;

/** A feed CSV's header row: which column holds what, by name, in any case and order. */
record CsvHeader(List<String> names) {

    CsvHeader {
        names = names.stream().map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
    }

    static CsvHeader of(CsvRows.Row row) {
        return new CsvHeader(row.cells());
    }

    /** The index of the first column called any of {@code aliases}, or -1. */
    int column(String... aliases) {
        for (String alias : aliases) {
            int index = names.indexOf(alias);
            if (index >= 0) {
                return index;
            }
        }
        return -1;
    }

    /** The row's cell in {@code column}: null when the header has no such column. */
    String cell(CsvRows.Row row, int column) throws BadFeedRow {
        if (column < 0) {
            return null;
        }
        if (column >= row.cells().size()) {
            throw new BadFeedRow("too few cells: " + row.cells().size() + ", the header names " + names.size());
        }
        return row.cells().get(column);
    }

    /** Cells beyond the header's columns are an unquoted comma, not data to drop unseen. */
    void checkWidth(CsvRows.Row row) throws BadFeedRow {
        for (int i = names.size(); i < row.cells().size(); i++) {
            if (!row.cells().get(i).isEmpty()) {
                throw new BadFeedRow("too many cells: " + row.cells().size() + ", the header names " + names.size());
            }
        }
    }
}
