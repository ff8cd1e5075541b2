package io.iocstream.parse;

import io.iocstream.fetch.FetchedFile;
import io.iocstream.fetch.FileOp;
import io.iocstream.match.InventoryUpdate;
import io.iocstream.pipeline.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Reads dependencies out of fetched files. A file that cannot be parsed becomes a dead letter, and the matcher
 * is told the path failed, leaving what it knew of the path as it was.
 */
public class ParseFunction extends ProcessFunction<FetchedFile, InventoryUpdate> {

    /** How much of an unparseable file a dead letter keeps. */
    static final int RAW_EXCERPT = 2048;

    @Override
    public void processElement(FetchedFile file, Context ctx, Collector<InventoryUpdate> out) {
        if (file.op() != FileOp.CONTENT) {
            out.collect(InventoryUpdate.of(file, file.op(), List.of()));
            return;
        }
        try {
            out.collect(InventoryUpdate.of(file, FileOp.CONTENT, DependencyFiles.parse(file.path(), file.content())));
        } catch (DependencyFileException e) {
            String text = new String(file.content(), StandardCharsets.UTF_8);
            ctx.output(DeadLetter.TAG, new DeadLetter("parse",
                    file.repo() + "@" + file.commit() + ":" + file.path(), e.getMessage(),
                    text.length() > RAW_EXCERPT ? text.substring(0, RAW_EXCERPT) : text));
            // the matcher still counts it, so the ref's later scans are not held up
            out.collect(InventoryUpdate.of(file, FileOp.FAILED, List.of()));
        }
    }
}
