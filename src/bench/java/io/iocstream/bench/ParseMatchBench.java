package io.iocstream.bench;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.iocstream.bench.LargeDependencyFiles.Baseline;
import io.iocstream.bench.LargeDependencyFiles.Format;
import io.iocstream.match.IocIndex;
import io.iocstream.parse.Dependency;
import io.iocstream.parse.DependencyFiles;
import io.iocstream.parse.FileFacts;
import io.iocstream.parse.ParseFunction;
import io.iocstream.parse.SkippedEntries;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Parse-and-match throughput per dependency-file format, against a plain parse of the same bytes measured in the
 * same run: the measure ({@link DependencyFiles#parse} and {@link IocIndex#matches} of every dependency)
 * and what the pipeline does per file ({@link ParseFunction#facts}: dependencies, SHA-256, host names, workflow
 * values, then {@link IocIndex#hits}), against Jackson's {@code readTree} (JSON, YAML, TOML), the JDK's StAX reader
 * (XML) or, for the line formats, which have no Jackson format of their own, Jackson's CSV parser reading every
 * line as a row of space-separated columns. Times are the measuring thread's CPU time.
 *
 * <p>Two tables: large files written in each format's real layout, then the real files of
 * {@code src/test/resources/lockfiles}, both against the same index.
 *
 * <p>Usage: {@code ParseMatchBench [--mb N] [--only TEXT] [--near-miss-every K]}: lockfiles of about N MB
 * (default 4; manifests hold {@value LargeDependencyFiles#MANIFEST_PACKAGES} packages), formats whose label (real
 * files whose path) contains TEXT, near misses on every K-th bench name (default 2: half a written file's names). Every written file's parsed dependencies are checked against the ones written, its hits against the
 * planted ones, and the CSV baseline's rows and columns against the file's lines, before anything is timed.
 */
public final class ParseMatchBench {

    /** Index size: near misses per ecosystem (on every K-th bench name), plus the real excerpt. */
    private static final int NEAR_MISSES_PER_ECOSYSTEM = 12_500;
    /** Every this many packages of a file, one is a planted hit. */
    private static final int PLANT_EVERY = 997;
    private static final int ROUNDS = 7;
    /** For the three measures together: after 2 s, pom.xml's parse + match still ran a third slower. */
    private static final long WARM_UP_NANOS = 4_000_000_000L;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper JSONC =
            JsonMapper.builder().enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
    private static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder().loaderOptions(yamlLimits()).build());
    private static final ObjectMapper TOML = new TomlMapper();
    private static final XMLInputFactory XML = XMLInputFactory.newInstance();
    /** No quote character: yarn.lock's and requirements.txt's quotes are not CSV quoting. */
    private static final ObjectReader CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build()
            .readerFor(String[].class)
            .with(CsvSchema.emptySchema().withColumnSeparator(' ').withoutQuoteChar());

    private static final ThreadMXBean THREAD = ManagementFactory.getThreadMXBean();
    /** The real dependency files the parser tests read, each attributed in the folder's SOURCES files. */
    private static final Path REAL_FILES = Path.of("src/test/resources/lockfiles");

    /** Results go here so that the JIT cannot drop the work. */
    private static long sink;

    private ParseMatchBench() {}

    public static void main(String[] args) throws Exception {
        List<String> argList = Arrays.asList(args);
        double mb = argList.contains("--mb") ? Double.parseDouble(argList.get(argList.indexOf("--mb") + 1)) : 4;
        String only = argList.contains("--only") ? argList.get(argList.indexOf("--only") + 1) : "";
        int nearMissEvery = argList.contains("--near-miss-every")
                ? Integer.parseInt(argList.get(argList.indexOf("--near-miss-every") + 1)) : 2;

        IocIndex index = BenchIocs.index(NEAR_MISSES_PER_ECOSYSTEM, nearMissEvery);
        int plantedCount = 0;
        for (String ecosystem : BenchPackages.ECOSYSTEMS) {
            for (int n = 0; n < 200_000; n += PLANT_EVERY) {
                index.add(BenchIocs.planted(new Dependency(ecosystem, BenchPackages.name(ecosystem, n),
                        BenchPackages.version(ecosystem, n)), "BENCH-PLANTED-" + plantedCount++));
            }
        }
        System.out.printf(Locale.ROOT, "IOC index: %,d entries (Shai-Hulud excerpt, near misses on every %d-th "
                + "bench name, planted); files of about %.1f MB; %d measured rounds after %d s of warm-up%n%n",
                index.size(), nearMissEvery, mb, ROUNDS, WARM_UP_NANOS / 1_000_000_000L);
        System.out.println(HEADER);

        Summary synthetic = new Summary();
        for (Format format : LargeDependencyFiles.FORMATS) {
            if (!format.label().contains(only)) {
                continue;
            }
            List<Dependency> written = sized(format, (long) (mb * 1_000_000));
            byte[] bytes = format.writer().apply(written).getBytes(StandardCharsets.UTF_8);
            int hits = check(format, bytes, written, index);
            if (format.baseline() == Baseline.CSV_ROWS) {
                checkCsvRows(format, bytes);
            }
            synthetic.row(format.label(), format.path(), format.baseline(), bytes, written.size(), hits, index);
        }
        synthetic.print("formats");

        System.out.printf(Locale.ROOT, "%nThe real files of %s, against the same index:%n%n", REAL_FILES);
        System.out.println(HEADER);
        Summary real = new Summary();
        for (Path file : realFiles(only)) {
            byte[] bytes = Files.readAllBytes(file);
            String path = REAL_FILES.relativize(file).toString();
            List<Dependency> parsed = DependencyFiles.parse(path, bytes, new SkippedEntries());
            real.row(path, path, realBaseline(path, bytes), bytes, parsed.size(), dependencyHits(path, bytes, index),
                    index);
        }
        real.print("files");
    }

    private static final String HEADER = "| format | size | packages | hits | baseline | baseline MB/s "
            + "| parse + match MB/s | ratio | whole file's facts + hits MB/s | ratio |\n"
            + "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |";

    /** The rows of one table, and how many of them reach half their baseline. */
    private static final class Summary {
        private int rows;
        private int parseAtHalf;
        private int wholeAtHalf;

        /** Times one file and prints its row; each ratio is the quotient of the row's MB/s columns. */
        void row(String label, String path, Baseline baselineKind, byte[] bytes, int packages, int hits,
                IocIndex index) {
            Runnable baseline = () -> sink += plainParse(baselineKind, bytes);
            Runnable parseMatch = () -> sink += dependencyHits(path, bytes, index);
            Runnable iocstream = () -> sink += parseAndMatch(path, bytes, index);
            double[] medians = measure(baseline, parseMatch, iocstream);
            double parseRatio = medians[0] / medians[1];
            double ratio = medians[0] / medians[2];
            rows++;
            parseAtHalf += parseRatio >= 0.5 ? 1 : 0;
            wholeAtHalf += ratio >= 0.5 ? 1 : 0;
            String size = bytes.length >= 100_000 ? String.format(Locale.ROOT, "%.2f MB", bytes.length / 1e6)
                    : String.format(Locale.ROOT, "%.1f KB", bytes.length / 1e3);
            System.out.printf(Locale.ROOT, "| %s | %s | %,d | %d | %s | %.1f | %.1f | %.2f | %.1f | %.2f |%n", label,
                    size, packages, hits, describe(baselineKind), bytes.length / medians[0],
                    bytes.length / medians[1], parseRatio, bytes.length / medians[2], ratio);
        }

        void print(String what) {
            System.out.printf(Locale.ROOT, "%nAt or above 0.5 of their row's baseline: %d of %d %s for parse + match, "
                    + "%d of %d for the whole file's facts + hits (sink %d)%n", parseAtHalf, rows, what, wholeAtHalf,
                    rows, sink % 10);
        }
    }

    /** Every dependency file of the real fixtures whose path contains {@code only}. */
    private static List<Path> realFiles(String only) throws IOException {
        try (Stream<Path> files = Files.walk(REAL_FILES)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> DependencyFiles.isDependencyFile(REAL_FILES.relativize(file).toString()))
                    .filter(file -> file.toString().contains(only))
                    .sorted()
                    .toList();
        }
    }

    /** The plain parse of a real file's format; yarn.lock is YAML from berry on (it has {@code __metadata}). */
    private static Baseline realBaseline(String path, byte[] bytes) {
        String name = Path.of(path).getFileName().toString();
        if (name.equals("yarn.lock")) {
            return new String(bytes, StandardCharsets.UTF_8).contains("__metadata:") ? Baseline.YAML_TREE
                    : Baseline.CSV_ROWS;
        }
        if (name.equals("bun.lock")) {
            return Baseline.JSONC_TREE;
        }
        if (name.endsWith(".json") || name.equals("composer.lock") || name.equals("Pipfile.lock")) {
            return Baseline.JSON_TREE;
        }
        if (name.endsWith(".yaml")) {
            return Baseline.YAML_TREE;
        }
        if (name.endsWith(".lock") && !name.equals("Gemfile.lock") || name.endsWith(".toml")) {
            return Baseline.TOML_TREE;
        }
        if (name.endsWith(".xml")) {
            return Baseline.XML_EVENTS;
        }
        return Baseline.CSV_ROWS;
    }

    /** Enough packages for about {@code targetBytes}: one small file tells the bytes per package. */
    private static List<Dependency> sized(Format format, long targetBytes) {
        if (format.manifest()) {
            return BenchPackages.dependencies(format.ecosystem(), LargeDependencyFiles.MANIFEST_PACKAGES);
        }
        int probe = 2_000;
        int probeBytes = format.writer().apply(BenchPackages.dependencies(format.ecosystem(), probe))
                .getBytes(StandardCharsets.UTF_8).length;
        int count = (int) Math.max(probe, targetBytes * probe / probeBytes);
        return BenchPackages.dependencies(format.ecosystem(), count);
    }

    /** The parser must read back exactly what was written, and the hits must be exactly the planted ones. */
    private static int check(Format format, byte[] bytes, List<Dependency> written, IocIndex index) throws Exception {
        // who each dependency is; where and how the file names it (line, scope, relationship) is the parser's own
        List<Dependency> parsed = ParseFunction.facts(format.path(), bytes).dependencies().stream()
                .map(Dependency::identity).toList();
        if (!new HashSet<>(parsed).equals(new HashSet<>(written))) {
            var missing = new HashSet<>(written);
            parsed.forEach(missing::remove);
            var extra = new HashSet<>(parsed);
            written.forEach(extra::remove);
            throw new IllegalStateException(format.label() + ": parsed " + parsed.size() + " of " + written.size()
                    + "; missing e.g. " + missing.stream().limit(3).toList() + ", extra e.g. "
                    + extra.stream().limit(3).toList());
        }
        // one hit per written dependency that some entry affects; the files mention no indicator's host
        int expected = 0;
        for (Dependency dep : written) {
            expected += index.matches(dep).isEmpty() ? 0 : 1;
        }
        int found = parseAndMatch(format.path(), bytes, index);
        int planted = (written.size() + PLANT_EVERY - 1) / PLANT_EVERY;
        if (found != expected || found < planted) {
            throw new IllegalStateException(format.label() + ": " + found + " hits, expected " + expected
                    + " with " + planted + " planted");
        }
        return found;
    }

    /** The CSV baseline must read every line as one row (a blank one as one empty column) and every column in it. */
    private static void checkCsvRows(Format format, byte[] bytes) throws Exception {
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<String> lines = Arrays.asList(text.split("\n", -1));
        // the file's final newline ends its last line; it does not start another
        if (text.endsWith("\n")) {
            lines = lines.subList(0, lines.size() - 1);
        }
        long columns = 0;
        for (String line : lines) {
            columns += line.chars().filter(c -> c == ' ').count() + 1;
        }
        CsvCount read = csvRows(bytes);
        if (read.rows() != lines.size() || read.columns() != columns) {
            throw new IllegalStateException(format.label() + ": Jackson CSV read " + read.rows() + " rows and "
                    + read.columns() + " columns of " + lines.size() + " lines and " + columns + " columns");
        }
    }

    /** The measure: the file's dependencies parsed and each looked up in the index. */
    private static int dependencyHits(String path, byte[] bytes, IocIndex index) {
        try {
            int hits = 0;
            for (Dependency dep : DependencyFiles.parse(path, bytes, new SkippedEntries())) {
                hits += index.matches(dep).isEmpty() ? 0 : 1;
            }
            return hits;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the pipeline does per file: every fact (dependencies, SHA-256, hosts, workflow values) and its hits. */
    private static int parseAndMatch(String path, byte[] bytes, IocIndex index) {
        try {
            FileFacts facts = ParseFunction.facts(path, bytes);
            return index.hits(path, facts).size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long plainParse(Baseline baseline, byte[] bytes) {
        try {
            return switch (baseline) {
                case JSON_TREE -> JSON.readTree(bytes).size();
                case JSONC_TREE -> JSONC.readTree(bytes).size();
                case YAML_TREE -> YAML.readTree(bytes).size();
                case TOML_TREE -> TOML.readTree(bytes).size();
                case XML_EVENTS -> xmlEvents(bytes);
                case CSV_ROWS -> csvRows(bytes).columns();
            };
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long xmlEvents(byte[] bytes) throws Exception {
        XMLStreamReader xml = XML.createXMLStreamReader(new ByteArrayInputStream(bytes));
        long events = 0;
        while (xml.hasNext()) {
            xml.next();
            events++;
        }
        xml.close();
        return events;
    }

    private record CsvCount(long rows, long columns) {}

    /** Every line read into a {@code String[]}, as Jackson reads CSV into rows. */
    private static CsvCount csvRows(byte[] bytes) throws Exception {
        long rows = 0;
        long columns = 0;
        try (MappingIterator<String[]> iterator = CSV.readValues(bytes)) {
            while (iterator.hasNextValue()) {
                rows++;
                columns += iterator.nextValue().length;
            }
        }
        return new CsvCount(rows, columns);
    }

    private static String describe(Baseline baseline) {
        return switch (baseline) {
            case JSON_TREE -> "Jackson JSON readTree";
            case JSONC_TREE -> "Jackson JSON readTree (trailing commas)";
            case YAML_TREE -> "Jackson YAML readTree";
            case TOML_TREE -> "Jackson TOML readTree";
            case XML_EVENTS -> "JDK StAX, every event";
            case CSV_ROWS -> "Jackson CSV rows (space-separated, no quotes)";
        };
    }

    /**
     * Median microseconds of each, measured in turn in every round so that load from other processes falls on all
     * of them, after a warm-up of all.
     */
    private static double[] measure(Runnable... runs) {
        long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
        for (int i = 0; i < 3 || System.nanoTime() < warmUpEnd; i++) {
            for (Runnable run : runs) {
                run.run();
            }
        }
        // small files are timed in batches of about 50 ms, so that the clock's resolution does not matter
        double slowest = 0;
        for (Runnable run : runs) {
            slowest = Math.max(slowest, timeMicros(run, 1));
        }
        int reps = (int) Math.max(1, 50_000 / slowest);
        double[][] times = new double[runs.length][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            for (int r = 0; r < runs.length; r++) {
                times[r][round] = timeMicros(runs[r], reps);
            }
        }
        double[] medians = new double[runs.length];
        for (int r = 0; r < runs.length; r++) {
            Arrays.sort(times[r]);
            medians[r] = times[r][ROUNDS / 2];
        }
        return medians;
    }

    /**
     * CPU microseconds of this thread per run, over {@code reps} runs: the machine is shared, and time spent
     * waiting for a core is not the work being measured.
     */
    private static double timeMicros(Runnable run, int reps) {
        long start = THREAD.getCurrentThreadCpuTime();
        for (int i = 0; i < reps; i++) {
            run.run();
        }
        return (THREAD.getCurrentThreadCpuTime() - start) / 1e3 / reps;
    }

    private static LoaderOptions yamlLimits() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        return options;
    }
}
