package io.iocstream.feeds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.core.DeadLetter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a feed directory in every format of CONTRACT section 5, recursively and in sorted order: {@code .json} is
 * an OSV entry, {@code .csv} an indicators CSV (its header has {@code type} and {@code value}) or else a package
 * CSV, {@code .txt} a package list. READMEs, {@code .md} files and dotfiles are skipped; any other file, and any
 * row that cannot be read, is a dead letter while the rest of the file still loads. See docs/feeds.md.
 */
public final class FeedDirectory {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXCERPT = 2048;

    /**
     * What a feed directory or file held: package entries, indicators, what could not be read, and how many entries
     * of each OSV ecosystem iocstream does not match (by OSV name: {@code Debian}) were left out.
     */
    public record Result(List<IocEntry> packages, List<Indicator> indicators, List<DeadLetter> deadLetters,
            Map<String, Integer> unsupported) {

        public Result {
            packages = List.copyOf(packages);
            indicators = List.copyOf(indicators);
            deadLetters = List.copyOf(deadLetters);
            unsupported = Map.copyOf(unsupported);
        }

        /** A result without entries of unsupported ecosystems. */
        public Result(List<IocEntry> packages, List<Indicator> indicators, List<DeadLetter> deadLetters) {
            this(packages, indicators, deadLetters, Map.of());
        }

        public static Result empty() {
            return new Result(List.of(), List.of(), List.of());
        }

        static Result of(DeadLetter deadLetter) {
            return new Result(List.of(), List.of(), List.of(deadLetter));
        }

        Result plus(Result more) {
            return new Result(concat(packages, more.packages), concat(indicators, more.indicators),
                    concat(deadLetters, more.deadLetters), merge(unsupported, more.unsupported));
        }

        Result plusDeadLetters(List<DeadLetter> more) {
            return plus(new Result(List.of(), List.of(), more));
        }

        /** How many entries and indicators can match: those not withdrawn. */
        public long matchable() {
            return packages.stream().filter(entry -> !entry.withdrawn()).count()
                    + indicators.stream().filter(indicator -> !indicator.withdrawn()).count();
        }

        /** Two counts per ecosystem added up. */
        public static Map<String, Integer> merge(Map<String, Integer> a, Map<String, Integer> b) {
            Map<String, Integer> all = new TreeMap<>(a);
            b.forEach((ecosystem, count) -> all.merge(ecosystem, count, Integer::sum));
            return all;
        }

        private static <T> List<T> concat(List<T> a, List<T> b) {
            List<T> all = new ArrayList<>(a.size() + b.size());
            all.addAll(a);
            all.addAll(b);
            return all;
        }
    }

    private FeedDirectory() {}

    /** The regular files under a feed directory, sorted, and the paths the walk could not enter or read. */
    record Listing(List<Path> files, List<Path> unreadable) {}

    /**
     * Walks a feed directory, following links (a feed folder made of links to checkouts; a link loop is noted like
     * an unreadable folder); a subdirectory that cannot be read is noted, not fatal, and the walk goes on.
     */
    static Listing list(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Path> unreadable = new ArrayList<>();
        Files.walkFileTree(dir, java.util.EnumSet.of(java.nio.file.FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                unreadable.add(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path folder, IOException e) {
                // a folder that opened but could not be listed
                if (e != null) {
                    unreadable.add(folder);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return new Listing(files, unreadable);
    }

    /** Every feed file under {@code dir}, in sorted path order; what cannot be read is a dead letter. */
    public static Result read(Path dir) throws IOException {
        Listing listing = list(dir);
        List<IocEntry> packages = new ArrayList<>();
        List<Indicator> indicators = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        Map<String, Integer> unsupported = new TreeMap<>();
        for (Path path : listing.unreadable()) {
            deadLetters.add(new DeadLetter("feed", path.toString(), "unreadable feed directory entry", ""));
        }
        for (Path file : listing.files()) {
            Result one = readFile(dir, file);
            packages.addAll(one.packages());
            indicators.addAll(one.indicators());
            deadLetters.addAll(one.deadLetters());
            one.unsupported().forEach((ecosystem, count) -> unsupported.merge(ecosystem, count, Integer::sum));
        }
        return new Result(packages, indicators, deadLetters, unsupported);
    }

    /**
     * One file of the feed directory {@code root}, as a watcher sees it appear or change. Never throws: a file
     * that cannot be read is a dead letter; a skipped file (README, {@code .md}, dotfile) gives an empty result.
     */
    public static Result readFile(Path root, Path file) {
        FeedFile feed = FeedFile.of(root, file);
        if (skipped(feed.feed())) {
            return Result.empty();
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            return Result.of(new DeadLetter("feed", file.toString(), "unreadable feed file: " + DeadLetter.firstLine(e), ""));
        }
        return read(feed, content);
    }

    /**
     * A feed file that arrives as bytes rather than on disk (a record of a feed topic), read by its name as
     * {@link #readFile} reads a file. Never throws.
     *
     * @param feed   the feed file's name, relative like a path under a feed directory ({@code osv/MAL-1.json})
     * @param origin where the bytes came from, for dead letters
     */
    public static Result read(String feed, byte[] content, String origin) {
        return skipped(feed) ? Result.empty() : read(new FeedFile(origin, feed), content);
    }

    private static Result read(FeedFile feed, byte[] content) {
        String name = feed.feed().substring(feed.feed().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".json")) {
                return osv(feed, content);
            }
            if (name.endsWith(".csv")) {
                FeedText text = FeedText.read(feed, content);
                return csv(feed, text.text()).plusDeadLetters(text.deadLetters());
            }
            if (name.endsWith(".txt")) {
                FeedText text = FeedText.read(feed, content);
                return PackageListReader.read(feed, text.text().lines().toList()).plusDeadLetters(text.deadLetters());
            }
            return Result.of(new DeadLetter("feed", feed.origin(),
                    "unknown feed file type (.json OSV, .csv, .txt)", excerpt(content)));
        } catch (RuntimeException e) {
            return Result.of(new DeadLetter("feed", feed.origin(), "unreadable feed file: " + DeadLetter.firstLine(e),
                    excerpt(content)));
        }
    }

    /** READMEs, Markdown and anything under a dot-name (.git, editor swap files) are not feeds. */
    static boolean skipped(String feed) {
        for (String segment : feed.split("/")) {
            if (segment.startsWith(".")) {
                return true;
            }
        }
        String name = feed.substring(feed.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return name.endsWith(".md") || name.startsWith("readme");
    }

    private static Result osv(FeedFile feed, byte[] content) {
        try {
            JsonNode osv = JSON.readTree(content);
            return OsvFeedReader.read(osv, feed);
        } catch (IOException | IllegalArgumentException e) {
            return Result.of(new DeadLetter("feed", feed.origin(), "unreadable OSV entry: " + jsonReason(e),
                    excerpt(content)));
        }
    }

    private static Result csv(FeedFile feed, String text) {
        CsvRows.Table table = CsvRows.read(text);
        Result read;
        if (table.rows().isEmpty()) {
            read = table.failure() == null
                    ? Result.of(feed.deadLetter(1, "empty CSV feed: no header", ""))
                    : Result.empty();
        } else {
            CsvHeader header = CsvHeader.of(table.rows().get(0));
            read = IndicatorCsvReader.isIndicatorHeader(header)
                    ? IndicatorCsvReader.read(feed, header, table.rows())
                    : PackageCsvReader.read(feed, header, table.rows());
        }
        if (table.failure() != null) {
            String[] lines = text.split("\r?\n|\r", -1);
            String raw = table.failedAtLine() <= lines.length ? lines[table.failedAtLine() - 1] : "";
            read = read.plus(Result.of(feed.deadLetter(table.failedAtLine(),
                    "unreadable CSV from this line on: " + table.failure(), raw)));
        }
        return read;
    }

    /** Jackson's reason with the line it stopped at (an encoding error's byte is somewhere in a whole entry). */
    private static String jsonReason(Exception e) {
        if (e instanceof JsonProcessingException json && json.getLocation() != null) {
            return DeadLetter.firstLine(json.getOriginalMessage()) + " at line " + json.getLocation().getLineNr();
        }
        return DeadLetter.firstLine(e);
    }

    private static String excerpt(byte[] content) {
        return new String(content, 0, Math.min(content.length, EXCERPT), StandardCharsets.UTF_8);
    }
}
