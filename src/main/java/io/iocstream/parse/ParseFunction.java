package io.iocstream.parse;

import io.iocstream.core.DeadLetter;
import io.iocstream.core.RecordGuard;
import io.iocstream.core.RunCounters;
import io.iocstream.fetch.FetchedFile;
import io.iocstream.fetch.FileOp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns fetched files into the facts the matcher needs: every file's SHA-256 and host names, a dependency
 * file's dependencies, a workflow's name and runner labels, and the actions ({@code uses:}) a workflow or composite
 * action uses ({@link ActionUses}). An entry that cannot be read (a malformed line, a
 * field of the wrong type, a name no ecosystem allows) is skipped: it becomes a dead letter of its own, the file's
 * facts count it, and the rest of the file is read, so that one hostile line cannot hide a malicious pin beside
 * it. A dependency file or workflow that cannot be parsed at all (not even well-formed JSON, TOML, YAML or XML)
 * becomes a dead letter, and the matcher gets a FAILED record with its hash and hosts only: it keeps the
 * dependencies and workflow facts it knew (a broken lockfile must not make its findings look resolved), while the
 * file's hash, name and hosts are still matched (a broken workflow must not hide from them).
 */
public class ParseFunction extends ProcessFunction<FetchedFile, InventoryUpdate> {

    /** How much of an unparseable file, or of a skipped entry, a dead letter keeps. */
    static final int RAW_EXCERPT = RecordGuard.RAW_EXCERPT;

    /**
     * A spooled file whose format cannot be read as a stream is read into memory up to this size; past it, it is
     * hashed and scanned for hosts as a stream but not parsed ("too large to parse").
     */
    public static final long DEFAULT_MAX_WHOLE_FILE_BYTES = 32L * 1024 * 1024;

    private final long maxWholeFileBytes;
    private transient RecordGuard guard;
    private transient LongCounter filesPartiallyParsed;
    private transient LongCounter entriesSkipped;

    public ParseFunction() {
        this(DEFAULT_MAX_WHOLE_FILE_BYTES);
    }

    /** @param maxWholeFileBytes the largest spooled file of a format that is not streamed that is read whole */
    public ParseFunction(long maxWholeFileBytes) {
        this.maxWholeFileBytes = maxWholeFileBytes;
    }

    @Override
    public void open(OpenContext openContext) {
        guard = RecordGuard.of("parse", getRuntimeContext());
        filesPartiallyParsed = getRuntimeContext().getLongCounter(RunCounters.FILES_PARTIALLY_PARSED);
        entriesSkipped = getRuntimeContext().getLongCounter(RunCounters.ENTRIES_SKIPPED);
    }

    @Override
    public void processElement(FetchedFile file, Context ctx, Collector<InventoryUpdate> out) {
        if (!guard.run(() -> parse(file, ctx, out), () -> origin(file), () -> excerpt(file),
                deadLetter -> ctx.output(DeadLetter.TAG, deadLetter))) {
            // a file its parser failed on still completes its scan, as a failed fetch does: the path keeps what it had
            out.collect(InventoryUpdate.of(file, FileOp.FAILED, null));
        }
    }

    private void parse(FetchedFile file, Context ctx, Collector<InventoryUpdate> out) {
        switch (file.op()) {
            case CONTENT -> {
                if (file.isSpooled()) {
                    try {
                        parseSpooled(file, ctx, out);
                    } catch (IOException e) {
                        // the spool on local disk could not be read: the guard makes it a dead letter
                        throw new java.io.UncheckedIOException("reading the spooled file failed", e);
                    }
                    return;
                }
                String sha256 = sha256(file.content());
                Map<String, Integer> hosts = HostScanner.hostLines(file.content(), withUrls(file.path()));
                SkippedEntries skipped = new SkippedEntries();
                try {
                    FileFacts facts = facts(file.path(), file.content(), sha256, hosts, skipped);
                    reportSkipped(origin(file), skipped, ctx);
                    out.collect(InventoryUpdate.of(file, FileOp.CONTENT, facts));
                } catch (DependencyFileException e) {
                    ctx.output(DeadLetter.TAG, new DeadLetter("parse", origin(file), e.getMessage(), excerpt(file)));
                    // the hash and hosts still count; the matcher keeps what it knew of the dependencies
                    out.collect(InventoryUpdate.of(file, FileOp.FAILED,
                            new FileFacts(List.of(), sha256, List.copyOf(hosts.keySet()), List.of(), 0, hosts)));
                }
            }
            case LISTED -> out.collect(InventoryUpdate.of(file, FileOp.LISTED, FileFacts.PATH_ONLY));
            default -> out.collect(InventoryUpdate.of(file, file.op(), null));
        }
    }

    /**
     * A file the fetch stage spooled to disk because it is large: hashed and scanned for hosts as a stream, then
     * parsed as a stream when its format allows ({@link StreamingDependencyParser}); a file of another format is
     * read whole up to {@code maxWholeFileBytes}, and past that it is not parsed: a dead letter says so, and the
     * matcher gets its hash and hosts and keeps the dependencies it knew, as for a file that did not parse.
     */
    private void parseSpooled(FetchedFile file, Context ctx, Collector<InventoryUpdate> out) throws IOException {
        long length = file.spool().length();
        Optional<DependencyParser> parser = DependencyFiles.parserFor(file.path());
        boolean streams = parser.isPresent() && parser.get() instanceof StreamingDependencyParser;
        boolean plain = parser.isEmpty() && !ActionUses.readsUses(file.path()) && !WorkflowFiles.isWorkflow(file.path());
        if (!streams && !plain && length <= maxWholeFileBytes) {
            byte[] content;
            try (InputStream in = file.spool().open()) {
                content = in.readAllBytes();
            }
            parse(FetchedFile.content(context(file), file.path(), content), ctx, out);
            return;
        }
        MessageDigest sha256 = sha256Digest();
        Map<String, Integer> hosts;
        try (InputStream in = new DigestInputStream(file.spool().open(), sha256)) {
            hosts = HostScanner.hostLines(in, withUrls(file.path()));
        }
        String hash = HexFormat.of().formatHex(sha256.digest());
        if (plain) {
            out.collect(InventoryUpdate.of(file, FileOp.CONTENT,
                    new FileFacts(List.of(), hash, List.copyOf(hosts.keySet()), List.of(), 0, hosts)));
            return;
        }
        FileFacts hashAndHosts = new FileFacts(List.of(), hash, List.copyOf(hosts.keySet()), List.of(), 0, hosts);
        if (!streams) {
            ctx.output(DeadLetter.TAG, new DeadLetter("parse", origin(file), "too large to parse: " + length
                    + " bytes, over the " + maxWholeFileBytes + " a file of this format is read whole up to",
                    excerpt(file)));
            out.collect(InventoryUpdate.of(file, FileOp.FAILED, hashAndHosts));
            return;
        }
        SkippedEntries skipped = new SkippedEntries();
        try (InputStream in = file.spool().open()) {
            List<Dependency> dependencies = ((StreamingDependencyParser) parser.get()).parse(in, length, skipped);
            reportSkipped(origin(file), skipped, ctx);
            out.collect(InventoryUpdate.of(file, FileOp.CONTENT, new FileFacts(dependencies, hash,
                    List.copyOf(hosts.keySet()), List.of(), skipped.count(), hosts)));
        } catch (DependencyFileException e) {
            ctx.output(DeadLetter.TAG, new DeadLetter("parse", origin(file), e.getMessage(), excerpt(file)));
            out.collect(InventoryUpdate.of(file, FileOp.FAILED, hashAndHosts));
        }
    }

    private static FetchedFile.ScanContext context(FetchedFile file) {
        return new FetchedFile.ScanContext(file.repo(), file.ref(), file.commit(), file.trigger(), file.seq(),
                file.scanSize(), file.pushed());
    }

    /** A dead letter per skipped entry (past the first hundred, one that counts the rest), and the counters. */
    private void reportSkipped(String origin, SkippedEntries skipped, Context ctx) {
        if (skipped.count() == 0) {
            return;
        }
        for (SkippedEntry entry : skipped.listed()) {
            ctx.output(DeadLetter.TAG, new DeadLetter("parse", origin + " " + entry.entry(), entry.reason(),
                    entry.raw()));
        }
        int unlisted = skipped.count() - skipped.listed().size();
        if (unlisted > 0) {
            ctx.output(DeadLetter.TAG, new DeadLetter("parse", origin, unlisted
                    + " more entries skipped (only the first " + SkippedEntries.LISTED + " of a file are dead letters)",
                    ""));
        }
        filesPartiallyParsed.add(1);
        entriesSkipped.add(skipped.count());
    }

    private static String origin(FetchedFile file) {
        return file.repo() + "@" + file.commit() + ":" + file.path();
    }

    /** The start of the file as text, or what the record is when it carries no content. */
    private static String excerpt(FetchedFile file) {
        if (file.isSpooled()) {
            try (InputStream in = file.spool().open()) {
                return excerpt(in.readNBytes(RAW_EXCERPT * 4));
            } catch (IOException e) {
                return file.op() + " " + file.path() + " (spool unreadable: " + e.getMessage() + ")";
            }
        }
        if (file.content() == null) {
            return file.op() + " " + file.path();
        }
        return excerpt(file.content());
    }

    private static String excerpt(byte[] content) {
        String text = new String(content, 0, Math.min(content.length, RAW_EXCERPT * 4), StandardCharsets.UTF_8);
        return text.length() > RAW_EXCERPT ? text.substring(0, RAW_EXCERPT) : text;
    }

    /** Whether a path names a file whose facts carry IOCs whatever its size: a dependency file or a workflow. */
    public static boolean carriesIocs(String path) {
        return DependencyFiles.isDependencyFile(path) || ActionUses.readsUses(path);
    }

    /**
     * What one file says: parsed as its path's format, hashed, and searched for host names. Public so that the
     * parse-and-match benchmark times exactly this.
     */
    public static FileFacts facts(String path, byte[] content) throws DependencyFileException {
        return facts(path, content, sha256(content), HostScanner.hostLines(content, withUrls(path)),
                new SkippedEntries());
    }

    /** Whether a file's URLs are kept beside its hosts: all but dependency files, whose URLs are registry URLs. */
    private static boolean withUrls(String path) {
        return !DependencyFiles.isDependencyFile(path);
    }

    /** The facts, with the line each host, workflow value and trigger is first on. */
    private static FileFacts facts(String path, byte[] content, String sha256, Map<String, Integer> hosts,
            SkippedEntries skipped) throws DependencyFileException {
        List<Dependency> dependencies = DependencyFiles.isDependencyFile(path)
                ? DependencyFiles.parse(path, content, skipped) : List.of();
        if (ActionUses.readsUses(path)) {
            // the actions a workflow or composite action uses are its dependencies, of the GitHub Actions ecosystem
            dependencies = ActionUses.uses(content, skipped);
        }
        WorkflowFiles.Workflow workflow = WorkflowFiles.isWorkflow(path)
                ? WorkflowFiles.read(content, skipped) : new WorkflowFiles.Workflow(List.of(), List.of());
        Map<String, Integer> lines = hosts;
        if (!workflow.values().isEmpty() || !workflow.triggers().isEmpty()) {
            lines = new HashMap<>(hosts);
            lines.putAll(WorkflowFiles.linesOf(content, workflow.values()));
            lines.putAll(WorkflowFiles.triggerLines(content, workflow.triggers()));
        }
        return new FileFacts(dependencies, sha256, List.copyOf(hosts.keySet()), workflow.values(), skipped.count(),
                lines, workflow.triggers());
    }

    private static String sha256(byte[] content) {
        return HexFormat.of().formatHex(sha256Digest().digest(content));
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
