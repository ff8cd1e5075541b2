package io.iocstream.parse;

import io.iocstream.fetch.FetchedFile;
import io.iocstream.fetch.FileOp;
import io.iocstream.match.InventoryUpdate;
import io.iocstream.pipeline.DeadLetter;
import io.iocstream.pipeline.RecordGuard;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns fetched files into the facts the matcher needs: every file's SHA-256 and host names, a dependency
 * file's dependencies, a workflow's name and runner labels. A dependency file or workflow that cannot be parsed
 * becomes a dead letter, and the matcher gets a FAILED record with its hash and hosts only: it keeps the
 * dependencies and workflow facts it knew (a broken lockfile must not make its findings look resolved), while the
 * file's hash, name and hosts are still matched (a broken workflow must not hide from them).
 */
public class ParseFunction extends ProcessFunction<FetchedFile, InventoryUpdate> {

    /** How much of an unparseable file a dead letter keeps. */
    static final int RAW_EXCERPT = RecordGuard.RAW_EXCERPT;

    private transient RecordGuard guard;

    @Override
    public void open(OpenContext openContext) {
        guard = RecordGuard.of("parse", getRuntimeContext());
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
                String sha256 = sha256(file.content());
                List<String> hosts = HostScanner.hosts(file.content());
                try {
                    out.collect(InventoryUpdate.of(file, FileOp.CONTENT, facts(file.path(), file.content(), sha256,
                            hosts)));
                } catch (DependencyFileException e) {
                    ctx.output(DeadLetter.TAG, new DeadLetter("parse", origin(file), e.getMessage(), excerpt(file)));
                    // the hash and hosts still count; the matcher keeps what it knew of the dependencies
                    out.collect(InventoryUpdate.of(file, FileOp.FAILED,
                            new FileFacts(List.of(), sha256, hosts, List.of())));
                }
            }
            case LISTED -> out.collect(InventoryUpdate.of(file, FileOp.LISTED, FileFacts.PATH_ONLY));
            default -> out.collect(InventoryUpdate.of(file, file.op(), null));
        }
    }

    private static String origin(FetchedFile file) {
        return file.repo() + "@" + file.commit() + ":" + file.path();
    }

    /** The start of the file as text, or what the record is when it carries no content. */
    private static String excerpt(FetchedFile file) {
        if (file.content() == null) {
            return file.op() + " " + file.path();
        }
        String text = new String(file.content(), 0, Math.min(file.content().length, RAW_EXCERPT * 4),
                StandardCharsets.UTF_8);
        return text.length() > RAW_EXCERPT ? text.substring(0, RAW_EXCERPT) : text;
    }

    /**
     * What one file says: parsed as its path's format, hashed, and searched for host names. Public so that the
     * parse-and-match benchmark times exactly this.
     */
    public static FileFacts facts(String path, byte[] content) throws DependencyFileException {
        return facts(path, content, sha256(content), HostScanner.hosts(content));
    }

    private static FileFacts facts(String path, byte[] content, String sha256, List<String> hosts)
            throws DependencyFileException {
        List<Dependency> dependencies = DependencyFiles.isDependencyFile(path)
                ? DependencyFiles.parse(path, content) : List.of();
        List<String> workflowValues = WorkflowFiles.isWorkflow(path) ? WorkflowFiles.values(content) : List.of();
        return new FileFacts(dependencies, sha256, hosts, workflowValues);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
