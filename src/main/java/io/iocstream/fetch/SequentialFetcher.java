package io.iocstream.fetch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.changes.ScanRequest;
import io.iocstream.fetch.FetchedFile.ScanContext;
import io.iocstream.github.CompareFile;
import io.iocstream.github.CompareResult;
import io.iocstream.github.GitHubClient;
import io.iocstream.github.TreeEntry;
import io.iocstream.parse.DependencyFiles;
import io.iocstream.pipeline.DeadLetter;
import io.iocstream.pipeline.RunCounters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The baseline fetch strategy batch scanners use: one REST call per file, one at a time. It resolves what a
 * scan request covers (payload paths, compare API or whole tree) and reads every dependency file in it.
 */
public class SequentialFetcher extends ProcessFunction<ScanRequest, FetchedFile> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FetchSettings settings;
    private transient GitHubClient client;
    private transient long requestsCounted;
    private transient LongCounter filesConsidered;
    private transient LongCounter filesFetched;
    private transient LongCounter bytesFetched;
    private transient LongCounter apiRequests;

    public SequentialFetcher(FetchSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        client = new GitHubClient(settings.clientConfig());
        filesConsidered = getRuntimeContext().getLongCounter(RunCounters.FILES_CONSIDERED);
        filesFetched = getRuntimeContext().getLongCounter(RunCounters.FILES_FETCHED);
        bytesFetched = getRuntimeContext().getLongCounter(RunCounters.BYTES_FETCHED);
        apiRequests = getRuntimeContext().getLongCounter(RunCounters.API_REQUESTS);
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }

    @Override
    public void processElement(ScanRequest request, Context ctx, Collector<FetchedFile> out) {
        ScanContext at = new ScanContext(request.repo(), request.ref(), request.commit(), request.trigger(),
                request.seq());
        try {
            switch (request.mode()) {
                case DELETE_REF -> out.collect(FetchedFile.refDeleted(at));
                case PATHS -> readChanges(at, request.paths(), request.removed(), ctx, out);
                case COMPARE -> readCompare(request, at, ctx, out);
                case TREE -> readTree(at, ctx, out);
            }
        } catch (IOException e) {
            ctx.output(DeadLetter.TAG, new DeadLetter("fetch", request.repo() + "@" + request.commit(),
                    request.mode() + " listing failed: " + e.getMessage(), describe(request, null)));
        } finally {
            long sent = client.requestCount();
            apiRequests.add(sent - requestsCounted);
            requestsCounted = sent;
        }
    }

    private void readCompare(ScanRequest request, ScanContext at, Context ctx, Collector<FetchedFile> out)
            throws IOException {
        CompareResult compare = client.compare(request.repo(), request.before(), request.commit());
        if (compare.truncated()) {
            // past GitHub's 300-file cap the list is incomplete: the tree is the only full answer
            readTree(at, ctx, out);
            return;
        }
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (CompareFile file : compare.files()) {
            if ("removed".equals(file.status())) {
                removed.add(file.filename());
            } else {
                changed.add(file.filename());
            }
            if (file.previousFilename() != null && !file.previousFilename().equals(file.filename())) {
                removed.add(file.previousFilename());
            }
        }
        readChanges(at, changed, removed, ctx, out);
    }

    private void readTree(ScanContext at, Context ctx, Collector<FetchedFile> out) throws IOException {
        List<String> present = new ArrayList<>();
        for (TreeEntry entry : client.tree(at.repo(), at.commit())) {
            filesConsidered.add(1);
            if (DependencyFiles.isDependencyFile(entry.path())) {
                present.add(entry.path());
            }
        }
        out.collect(FetchedFile.snapshot(at, present));
        for (String path : present) {
            read(at, path, ctx, out);
        }
    }

    private void readChanges(ScanContext at, List<String> changed, List<String> removed, Context ctx,
            Collector<FetchedFile> out) {
        filesConsidered.add(changed.size() + removed.size());
        for (String path : removed) {
            if (DependencyFiles.isDependencyFile(path)) {
                out.collect(FetchedFile.removed(at, path));
            }
        }
        for (String path : changed) {
            if (DependencyFiles.isDependencyFile(path)) {
                read(at, path, ctx, out);
            }
        }
    }

    private void read(ScanContext at, String path, Context ctx, Collector<FetchedFile> out) {
        try {
            byte[] content = client.fileContent(at.repo(), at.commit(), path);
            filesFetched.add(1);
            bytesFetched.add(content.length);
            out.collect(FetchedFile.content(at, path, content));
        } catch (IOException e) {
            ctx.output(DeadLetter.TAG, new DeadLetter("fetch", at.repo() + "@" + at.commit() + ":" + path,
                    "file fetch failed: " + e.getMessage(), describe(at, path)));
        }
    }

    /** Enough to fetch the same thing again. */
    private static String describe(Object what, String path) {
        Map<String, Object> redrive = new LinkedHashMap<>();
        redrive.put("request", what);
        if (path != null) {
            redrive.put("path", path);
        }
        try {
            return JSON.writeValueAsString(redrive);
        } catch (IOException e) {
            return String.valueOf(redrive);
        }
    }
}
