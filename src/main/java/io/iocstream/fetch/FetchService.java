package io.iocstream.fetch;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.iocstream.github.BlobQuery;
import io.iocstream.github.GitHubApiException;
import io.iocstream.github.GitHubClient;
import io.iocstream.github.GitHubNotFoundException;
import io.iocstream.github.GitHubTimeoutException;
import io.iocstream.github.PointsPacer;
import io.iocstream.github.TreeEntry;
import io.iocstream.github.TreeListing;
import io.iocstream.github.TreeQuery;
import io.iocstream.throttle.PressureLevel;
import io.iocstream.throttle.TaskManagerMemory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One task manager's fetching for one GitHub token and strategy, shared by every parallel fetch subtask on it:
 * one HTTP client and connection pool, one rate budget, one adaptive controller, one cache of files by blob
 * oid. Files (and the trees that listings need) wait in queues until a batch is full or has waited long enough,
 * then go out as one GraphQL request (or one REST call each), with no more requests in flight than the
 * controller allows, and no more a minute than GitHub's secondary limits allow ({@link PointsPacer}). A batch GitHub
 * abandons at its time limit is split in halves and each half asked again, down to single files read over REST, so
 * that no file is lost; each split is counted.
 */
final class FetchService implements AutoCloseable {

    /** Files up to this size are kept by blob oid, so the same content is never fetched twice. */
    static final int CACHEABLE_BYTES = 256 * 1024;
    static final long CACHE_BYTES = 32L * 1024 * 1024;
    /** What a file of unknown size is assumed to hold of the byte budget until it is read. */
    static final long UNKNOWN_SIZE_GUESS = 1024 * 1024;
    /**
     * Files listed larger than this go straight to raw REST: a GraphQL blob's text would come back truncated
     * (the simulator cuts at 512 KiB; GitHub does not document its limit), after a round trip whose answer
     * holds half a megabyte of text per file while the raw read runs.
     */
    static final long RAW_ABOVE_BYTES = 512 * 1024;

    private static final Map<FetchSettings, FetchService> SHARED = new HashMap<>();

    private final FetchSettings settings;
    private final FetchTuning tuning;
    private final GitHubClient client;
    private final AdaptiveController controller;
    private final ExecutorService io;
    private final Thread batcher;
    private final PendingBatch<Waiting> queue = new PendingBatch<>();
    private final PendingBatch<WaitingTree> trees = new PendingBatch<>();
    private final ExecutorService listing;
    /** Small files by blob oid, so the same content is never fetched twice; bounded in bytes. */
    private final Cache<String, byte[]> cache = CacheBuilder.newBuilder()
            .maximumWeight(CACHE_BYTES)
            .weigher((String oid, byte[] content) -> content.length)
            .build();
    private final ByteBudget bytesInFlight;
    private final AtomicLong reportedRequests = new AtomicLong();
    /** GitHub's secondary limits in points a minute: the GraphQL endpoint's, and the REST contents and trees'. */
    private final PointsPacer graphQlPoints;
    private final PointsPacer contentsPoints = new PointsPacer(PointsPacer.GITHUB_REST_POINTS_PER_MINUTE);
    private final PointsPacer treesPoints = new PointsPacer(PointsPacer.GITHUB_REST_POINTS_PER_MINUTE);
    private final AtomicLong splits = new AtomicLong();
    private final AtomicLong reportedSplits = new AtomicLong();
    /** Where large files are spooled: made at the first one, removed with everything in it on close. */
    private SpoolDirectory spools;
    private Path spoolRoot = Path.of(System.getProperty("java.io.tmpdir"));
    private int inFlight;
    private int users;
    private boolean closed;

    private record Waiting(FileRef file, CompletableFuture<FetchOutcome> result) {}

    private record WaitingTree(TreeQuery.Wanted tree, CompletableFuture<TreeListing> result) {}

    /** Trees one GraphQL request lists. */
    static final int TREE_BATCH = 50;

    private FetchService(FetchSettings settings) {
        this(settings, new PointsPacer(PointsPacer.GITHUB_GRAPHQL_POINTS_PER_MINUTE));
    }

    /** A service of its own (not shared) whose GraphQL requests keep to {@code graphQlPoints}; for tests. */
    FetchService(FetchSettings settings, PointsPacer graphQlPoints) {
        this.settings = settings;
        this.graphQlPoints = graphQlPoints;
        this.tuning = settings.tuning();
        this.client = new GitHubClient(settings.clientConfig());
        this.controller = new AdaptiveController(tuning);
        this.bytesInFlight = new ByteBudget(settings.maxBytesInFlight());
        this.io = Executors.newFixedThreadPool(tuning.maxConcurrency(), daemon("github-fetch"));
        // listings wait on batched trees; they get threads of their own so they never starve the senders
        this.listing = Executors.newCachedThreadPool(daemon("github-listing"));
        this.batcher = daemon("github-batcher").newThread(this::formBatches);
        batcher.start();
    }

    /** The service for these settings on this task manager; {@link #release()} when done. */
    static synchronized FetchService acquire(FetchSettings settings) {
        FetchService service = SHARED.computeIfAbsent(settings, FetchService::new);
        service.users++;
        return service;
    }

    void release() {
        synchronized (FetchService.class) {
            if (--users == 0) {
                SHARED.remove(settings);
                close();
            }
        }
    }

    /** The controller sizing this service's batches; for tests. */
    AdaptiveController controller() {
        return controller;
    }

    GitHubClient client() {
        return client;
    }

    ExecutorService listing() {
        return listing;
    }

    /** Listings for the scan resolver: batched GraphQL trees, compares worked out from two trees. */
    Listings listings() {
        if (!tuning.graphQl()) {
            return Listings.rest(client);
        }
        return new Listings() {
            @Override
            public TreeListing tree(String repo, String commit) throws IOException {
                return await(FetchService.this.tree(repo, commit));
            }

            @Override
            public io.iocstream.github.CompareResult compare(String repo, String base, String head)
                    throws IOException {
                CompletableFuture<TreeListing> before = FetchService.this.tree(repo, base);
                CompletableFuture<TreeListing> after = FetchService.this.tree(repo, head);
                return Listings.diff(await(before), await(after));
            }

            @Override
            public java.util.Optional<String> branchHead(String repo, String branch) throws IOException {
                // one small REST call per baseline of a head, not worth a batch
                return client.branchHead(repo, branch);
            }
        };
    }

    /** A commit's tree, listed in the next GraphQL batch of trees. */
    CompletableFuture<TreeListing> tree(String repo, String commit) {
        CompletableFuture<TreeListing> result = new CompletableFuture<>();
        synchronized (this) {
            trees.add(new WaitingTree(new TreeQuery.Wanted(repo, commit), result));
            notifyAll();
        }
        return result;
    }

    private static <T> T await(CompletableFuture<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a listing");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** Requests the rate budget still allows in the current window: what the dashboard shows of it. */
    long rateRequestsLeft() {
        return client.rateRequestsLeft();
    }

    /** Requests sent since the last call: each subtask adds what it takes to its accumulator. */
    long takeUnreportedRequests() {
        long sent = client.requestCount();
        return sent - reportedRequests.getAndSet(sent);
    }

    /** Batches GitHub abandoned at its time limit and that were split, since the last call. */
    long takeUnreportedSplits() {
        long split = splits.get();
        return split - reportedSplits.getAndSet(split);
    }

    /**
     * Spools large files under {@code root} (the task manager's temporary directory) rather than
     * {@code java.io.tmpdir}; has no effect once a file has been spooled.
     */
    synchronized void spoolUnder(Path root) {
        if (spools == null) {
            spoolRoot = root;
        }
    }

    /** A new spool file in this service's spool directory, made at the first one. */
    private synchronized Path newSpoolFile() throws IOException {
        if (closed) {
            throw new IOException("fetch service closed");
        }
        if (spools == null) {
            spools = SpoolDirectory.under(spoolRoot);
        }
        return spools.newFile();
    }

    /** Reads one file: from the cache when its oid is known and held, else in the next batch. */
    CompletableFuture<FetchOutcome> fetch(FileRef file) {
        byte[] cached = file.oid() == null ? null : cache.getIfPresent(file.oid());
        if (cached != null) {
            return CompletableFuture.completedFuture(FetchOutcome.read(file, cached));
        }
        CompletableFuture<FetchOutcome> result = new CompletableFuture<>();
        // the throttle counts the file's bytes as used from now until they are read; a file streamed to disk
        // never takes them
        long promised = settings.streams(file.size()) ? 0 : file.size();
        TaskManagerMemory.promise(promised);
        synchronized (this) {
            queue.add(new Waiting(file, result));
            notifyAll();
        }
        // the caller gets this future itself, not a derived one, so an Error reaches it unwrapped
        result.whenComplete((outcome, error) -> TaskManagerMemory.settle(promised));
        return result;
    }

    /**
     * The batcher thread: waits for a full batch or the oldest item's deadline, for a free slot, and for a GraphQL
     * point. Trees go first, because files wait on listings. A batch is formed only when its request may go at once:
     * while the secondary limit holds requests back, files keep joining the batches that wait, so that the points a
     * minute are spent on full batches instead of on many small ones each waiting its turn.
     */
    private void formBatches() {
        try {
            while (true) {
                Runnable send;
                synchronized (this) {
                    while (!closed && !treesReady() && !filesReady()) {
                        wait(Math.max(1, nextDeadlineMillis()));
                    }
                    if (closed) {
                        return;
                    }
                    if (treesReady()) {
                        List<WaitingTree> batch = trees.take(TREE_BATCH, tree -> 0, 0);
                        send = () -> sendTrees(batch);
                    } else {
                        List<Waiting> batch = queue.take(controller.batchSize(), waiting -> weight(waiting.file()),
                                Math.min(tuning.maxBatchBytes(), controller.batchBytes()));
                        send = () -> send(batch);
                    }
                    inFlight++;
                }
                io.execute(send);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A file's bytes as its listing gave them, or the size files have had so far when no listing did. */
    private long weight(FileRef file) {
        return file.size() >= 0 ? file.size() : controller.typicalFileBytes();
    }

    private boolean treesReady() {
        return inFlight < concurrency() && trees.ready(TREE_BATCH, tuning.maxWait().toNanos())
                && graphQlPoints.waitMillis(1) == 0;
    }

    private boolean filesReady() {
        return inFlight < concurrency() && queue.ready(controller.batchSize(), tuning.maxWait().toNanos())
                && (!tuning.graphQl() || graphQlPoints.waitMillis(1) == 0);
    }

    /**
     * Requests that may be in flight: no more than the rate budget has left (at least one), since the others would
     * only wait for the reset, and then the batches formed first (a scan's priority files) are the ones that go.
     */
    private int concurrency() {
        return (int) Math.min(controller.concurrency(), Math.max(1, client.rateRequestsLeft()));
    }

    /** How long the batcher may sleep: until the next batch is due and, for a GraphQL request, a point is free. */
    private long nextDeadlineMillis() {
        long maxWait = tuning.maxWait().toNanos();
        long treesDue = trees.nanosUntilDue(maxWait);
        long nanos = Math.min(queue.nanosUntilDue(maxWait), treesDue);
        long millis = nanos == Long.MAX_VALUE ? 1000 : nanos / 1_000_000;
        boolean overGraphQl = tuning.graphQl() || treesDue != Long.MAX_VALUE;
        return overGraphQl ? Math.max(millis, graphQlPoints.waitMillis(1)) : millis;
    }

    private void sendTrees(List<WaitingTree> batch) {
        try {
            listTrees(batch);
        } finally {
            synchronized (this) {
                inFlight--;
                notifyAll();
            }
        }
    }

    /** One GraphQL request for {@code batch}'s trees; halves of it again if GitHub abandons it at its time limit. */
    private void listTrees(List<WaitingTree> batch) {
        long started = System.nanoTime();
        try {
            graphQlPoints.acquire(1);
            List<java.util.Optional<List<TreeEntry>>> listed = client.trees(batch.stream().map(WaitingTree::tree)
                    .toList());
            controller.succeeded(Duration.ofNanos(System.nanoTime() - started), client.rateBudgetLeft());
            for (int i = 0; i < batch.size(); i++) {
                WaitingTree waiting = batch.get(i);
                if (listed.get(i).isPresent()) {
                    // GraphQL lists a tree whole or not at all
                    waiting.result().complete(new TreeListing(listed.get(i).get(), false));
                } else {
                    // deeper than one query reaches, or unknown: the REST tree says which
                    completeFromRest(waiting);
                }
            }
        } catch (GitHubTimeoutException e) {
            splits.incrementAndGet();
            if (batch.size() == 1) {
                completeFromRest(batch.get(0));
            } else {
                listTrees(batch.subList(0, batch.size() / 2));
                listTrees(batch.subList(batch.size() / 2, batch.size()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            batch.forEach(w -> w.result().completeExceptionally(new java.io.InterruptedIOException("interrupted")));
        } catch (IOException | RuntimeException e) {
            controller.failed();
            batch.forEach(this::completeFromRest);
        }
    }

    private void completeFromRest(WaitingTree waiting) {
        try {
            treesPoints.acquire(1);
            waiting.result().complete(client.tree(waiting.tree().repo(), waiting.tree().commit()));
        } catch (IOException | RuntimeException e) {
            waiting.result().completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            waiting.result().completeExceptionally(new java.io.InterruptedIOException("interrupted"));
        }
    }

    private void send(List<Waiting> batch) {
        long started = System.nanoTime();
        try {
            if (tuning.graphQl()) {
                sendGraphQl(batch);
            } else {
                for (Waiting waiting : batch) {
                    waiting.result().complete(readRest(waiting.file()));
                }
            }
            controller.succeeded(Duration.ofNanos(System.nanoTime() - started), client.rateBudgetLeft());
        } catch (IOException | RuntimeException e) {
            controller.failed();
            batch.forEach(w -> w.result().complete(FetchOutcome.failed(w.file(), String.valueOf(e.getMessage()),
                    true)));
        } catch (Error e) {
            // out of memory: the files' operators must fail the job, not wait for answers that never come
            batch.forEach(w -> w.result().completeExceptionally(e));
            throw e;
        } finally {
            synchronized (this) {
                inFlight--;
                notifyAll();
            }
        }
    }

    private void sendGraphQl(List<Waiting> batch) throws IOException {
        List<Waiting> small = new ArrayList<>();
        List<Waiting> large = new ArrayList<>();
        for (Waiting waiting : batch) {
            // a file to be streamed to disk is never part of a batch's answer
            long size = waiting.file().size();
            (size > RAW_ABOVE_BYTES || settings.streams(size) ? large : small).add(waiting);
        }
        if (!small.isEmpty()) {
            readBlobs(small);
        }
        for (Waiting waiting : large) {
            waiting.result().complete(readRest(waiting.file()));
        }
    }

    /**
     * One GraphQL request for {@code batch}'s files. If GitHub abandons it at its time limit, the controller shrinks
     * the next batches and each half is asked again; a single file that still times out is read raw over REST.
     */
    private void readBlobs(List<Waiting> batch) throws IOException {
        List<BlobQuery.Wanted> wanted = new ArrayList<>();
        long listedBytes = 0;
        for (Waiting waiting : batch) {
            FileRef file = waiting.file();
            wanted.add(new BlobQuery.Wanted(file.repo(), file.commit(), file.path()));
            listedBytes += weight(file);
        }
        long started = System.nanoTime();
        List<BlobQuery.Blob> blobs;
        try {
            graphQlPoints.acquire(1);
            blobs = client.blobs(wanted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while pacing GraphQL requests");
        } catch (GitHubTimeoutException e) {
            splits.incrementAndGet();
            controller.timedOut(batch.size(), listedBytes);
            if (batch.size() == 1) {
                batch.get(0).result().complete(readRest(batch.get(0).file()));
                return;
            }
            readBlobs(batch.subList(0, batch.size() / 2));
            readBlobs(batch.subList(batch.size() / 2, batch.size()));
            return;
        }
        long answered = 0;
        for (BlobQuery.Blob blob : blobs) {
            answered += blob.byteSize();
        }
        controller.answered(Duration.ofNanos(System.nanoTime() - started), batch.size(), answered);
        for (int i = 0; i < batch.size(); i++) {
            Waiting waiting = batch.get(i);
            waiting.result().complete(outcome(waiting.file(), blobs.get(i)));
        }
    }

    /** What a GraphQL blob gives; large, binary or not exactly re-encodable files are read raw over REST. */
    private FetchOutcome outcome(FileRef file, BlobQuery.Blob blob) {
        if (!blob.found()) {
            return FetchOutcome.failed(file, "not found at " + file.commit(), false);
        }
        if (!blob.binary() && !blob.truncated() && blob.text() != null) {
            byte[] bytes = blob.text().getBytes(StandardCharsets.UTF_8);
            if (oidOf(bytes).equals(blob.oid())) {
                cache(blob.oid(), bytes);
                return FetchOutcome.read(file, bytes);
            }
        }
        return readRest(file, blob.byteSize());
    }

    /** Gives back what a parsed file held of the byte budget, and removes its spool. */
    void released(FetchOutcome outcome) {
        bytesInFlight.release(outcome.heldBytes());
        if (outcome.spool() != null) {
            outcome.spool().delete();
        }
    }

    /** Bytes of the budget held now; for tests. */
    long bytesInFlight() {
        return bytesInFlight.inUse();
    }

    private FetchOutcome readRest(FileRef file) {
        return readRest(file, file.size());
    }

    /**
     * Reads a file over REST, once the byte budget has room for its {@code expectedSize} (or a guess); a file
     * larger than {@link FetchSettings#streamAboveBytes()} is streamed to a spool file and holds none of it.
     */
    private FetchOutcome readRest(FileRef file, long expectedSize) {
        long held = settings.streams(expectedSize) ? 0
                : Math.min(settings.maxFileBytes(), expectedSize > 0 ? expectedSize : UNKNOWN_SIZE_GUESS);
        try {
            // when memory is critical, files are read one at a time, whatever the budget says
            bytesInFlight.acquire(held, TaskManagerMemory.level() == PressureLevel.CRITICAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FetchOutcome.failed(file, "interrupted while waiting for memory", true);
        }
        boolean handedOver = false;
        try {
            contentsPoints.acquire(1);
            SpillingRead.Content content = client.fileContent(file.repo(), file.commit(), file.path(),
                    (in, length) -> SpillingRead.read(in, length, settings.maxFileBytes(),
                            settings.streamAboveBytes(), this::newSpoolFile));
            if (content.spool() != null) {
                // on disk: nothing of the heap stays held
                return FetchOutcome.spooled(file, content.spool());
            }
            if (file.oid() != null) {
                cache(file.oid(), content.bytes());
            }
            handedOver = true;
            return FetchOutcome.readHeld(file, content.bytes(), held);
        } catch (GitHubNotFoundException e) {
            return FetchOutcome.failed(file, e.getMessage(), false);
        } catch (GitHubApiException e) {
            // 4xx other than 404 will not change on retry (too large, forbidden); 5xx and 403/429 might
            return FetchOutcome.failed(file, e.getMessage(), e.status() >= 500 || e.status() == 403
                    || e.status() == 429);
        } catch (IOException e) {
            return FetchOutcome.failed(file, String.valueOf(e.getMessage()), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FetchOutcome.failed(file, "interrupted while pacing REST requests", true);
        } finally {
            if (!handedOver) {
                bytesInFlight.release(held);
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
        queue.drain(w -> w.result().complete(FetchOutcome.failed(w.file(), "fetch service closed", true)));
        trees.drain(w -> w.result().completeExceptionally(new IOException("fetch service closed")));
        io.shutdownNow();
        listing.shutdownNow();
        client.close();
        if (spools != null) {
            spools.close();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private void cache(String oid, byte[] content) {
        if (content.length <= CACHEABLE_BYTES) {
            cache.put(oid, content);
        }
    }

    /** Git's blob id of a content: SHA-1 over {@code "blob LENGTH\0"} and the bytes. */
    static String oidOf(byte[] content) {
        try {
            java.security.MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return java.util.HexFormat.of().formatHex(sha1.digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
