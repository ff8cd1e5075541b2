package io.iocstream.parse;

import io.iocstream.fetch.FetchedFile;
import io.iocstream.fetch.FileOp;
import io.iocstream.match.InventoryUpdate;
import io.iocstream.pipeline.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns fetched files into the facts the matcher needs: every file's SHA-256 and host names, a dependency
 * file's dependencies, a workflow's name and runner labels. A dependency file or workflow that cannot be parsed
 * becomes a dead letter, and the matcher is told the path failed, leaving what it knew of the path as it was
 * (a broken lockfile must not make its findings look resolved).
 */
public class ParseFunction extends ProcessFunction<FetchedFile, InventoryUpdate> {

    /** How much of an unparseable file a dead letter keeps. */
    static final int RAW_EXCERPT = 2048;

    @Override
    public void processElement(FetchedFile file, Context ctx, Collector<InventoryUpdate> out) {
        switch (file.op()) {
            case CONTENT -> {
                try {
                    out.collect(InventoryUpdate.of(file, FileOp.CONTENT, facts(file.path(), file.content())));
                } catch (DependencyFileException e) {
                    String text = new String(file.content(), 0, Math.min(file.content().length, RAW_EXCERPT * 4),
                            StandardCharsets.UTF_8);
                    ctx.output(DeadLetter.TAG, new DeadLetter("parse",
                            file.repo() + "@" + file.commit() + ":" + file.path(), e.getMessage(),
                            text.length() > RAW_EXCERPT ? text.substring(0, RAW_EXCERPT) : text));
                    // the matcher still counts it, so the ref's later scans are not held up
                    out.collect(InventoryUpdate.of(file, FileOp.FAILED, null));
                }
            }
            case LISTED -> out.collect(InventoryUpdate.of(file, FileOp.LISTED, FileFacts.PATH_ONLY));
            default -> out.collect(InventoryUpdate.of(file, file.op(), null));
        }
    }

    /**
     * What one file says: parsed as its path's format, hashed, and searched for host names. Public so that the
     * parse-and-match benchmark times exactly this.
     */
    public static FileFacts facts(String path, byte[] content) throws DependencyFileException {
        List<Dependency> dependencies = DependencyFiles.isDependencyFile(path)
                ? DependencyFiles.parse(path, content) : List.of();
        List<String> workflowValues = WorkflowFiles.isWorkflow(path) ? WorkflowFiles.values(content) : List.of();
        return new FileFacts(dependencies, sha256(content), HostScanner.hosts(content), workflowValues);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
