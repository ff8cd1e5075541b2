package io.iocstream.feeds;

import io.iocstream.core.DeadLetter;
import java.util.ArrayList;
import java.util.List;

/**
 * A package CSV: a header naming the package ({@code package} or {@code name}) and version ({@code version} or
 * {@code versions}) columns, optionally {@code ecosystem}, {@code severity} and {@code id}. Version cells are
 * {@code 1.2.3}, {@code = 1.2.3} or {@code = 1.2.3 || = 1.2.4}; without an ecosystem column the list is npm;
 * severity defaults to {@code critical}; rows without an id are {@code FEEDFILE:LINE}.
 */
final class PackageCsvReader {

    static final String SEVERITY = "critical";

    private PackageCsvReader() {}

    static FeedDirectory.Result read(FeedFile file, CsvHeader header, List<CsvRows.Row> rows) {
        int name = header.column("package", "name");
        int version = header.column("version", "versions");
        if (name < 0 || version < 0) {
            CsvRows.Row first = rows.get(0);
            return FeedDirectory.Result.of(file.deadLetter(first.line(),
                    "a package CSV header names no package (package, name) and version (version, versions) columns",
                    first.raw()));
        }
        int ecosystem = header.column("ecosystem");
        int severity = header.column("severity");
        int id = header.column("id");
        List<IocEntry> entries = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (CsvRows.Row row : rows.subList(1, rows.size())) {
            try {
                header.checkWidth(row);
                String packageName = PackageName.check(require(header.cell(row, name), "package name"));
                String versions = require(header.cell(row, version), "version");
                entries.add(IocEntry.ofVersions(
                        orLineId(header.cell(row, id), file, row.line()),
                        ecosystem(header.cell(row, ecosystem)),
                        packageName,
                        VersionCell.versions(versions),
                        FeedSeverity.of(header.cell(row, severity), SEVERITY),
                        file.feed()));
            } catch (BadFeedRow bad) {
                deadLetters.add(file.deadLetter(row.line(), bad.getMessage(), row.raw()));
            }
        }
        return new FeedDirectory.Result(entries, List.of(), deadLetters);
    }

    private static String ecosystem(String cell) throws BadFeedRow {
        if (cell == null) {
            return FeedEcosystem.NPM.osv();
        }
        require(cell, "ecosystem");
        FeedEcosystem ecosystem = FeedEcosystem.ofCell(cell);
        if (ecosystem == null) {
            throw new BadFeedRow("unknown ecosystem '" + cell + "'");
        }
        return ecosystem.osv();
    }

    static String require(String cell, String what) throws BadFeedRow {
        if (cell == null || cell.isBlank()) {
            throw new BadFeedRow("empty " + what);
        }
        return cell.strip();
    }

    static String orLineId(String cell, FeedFile file, int line) {
        return cell == null || cell.isBlank() ? file.lineId(line) : cell.strip();
    }
}
