package io.iocstream.feeds;

import io.iocstream.core.DeadLetter;
import io.iocstream.core.JobMetrics;
import io.iocstream.source.Poll;
import io.iocstream.source.Poller;
import io.iocstream.source.PollerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of every HTTP feed: each list asked with {@code If-None-Match} (a 304 is no change; a 200 is the list
 * read whole, replacing its earlier entries), and each OSV ecosystem: its {@code all.zip} the first time, after
 * noting the newest time in {@code modified_id.csv}; later only the entries {@code modified_id.csv} lists as modified
 * since, each replacing its earlier version. A publisher that fails is tried again next poll and its feed grows old
 * (metric {@value JobMetrics#FEED_AGE_SECONDS}, label {@code feed}); the others go on. After the first poll the
 * initial load is announced, whatever failed: what arrives later is hunted in every inventory.
 */
final class HttpFeedPoller implements Poller<FeedUpdate, HttpFeedPosition> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpFeedPoller.class);
    static final String MODIFIED_ID = "modified_id.csv";

    private final HttpFeedSettings settings;
    private final OkHttpClient client;
    /** When each feed was last known fresh (a 200 or a 304), by feed name; what the age gauge shows. */
    private final Map<String, Long> freshAt = new ConcurrentHashMap<>();
    /** The ETag of each ecosystem's modified_id.csv: an unchanged list is not read again. */
    private final Map<String, String> modifiedEtags = new ConcurrentHashMap<>();

    HttpFeedPoller(HttpFeedSettings settings) {
        this.settings = settings;
        // redirects are not followed: only the configured URLs are contacted
        this.client = new OkHttpClient.Builder().followRedirects(false).followSslRedirects(false)
                .connectTimeout(Duration.ofSeconds(30)).readTimeout(Duration.ofMinutes(2)).build();
        long started = System.currentTimeMillis();
        settings.feedNames().forEach(feed -> freshAt.put(feed, started));
    }

    @Override
    public void registerMetrics(MetricGroup group) {
        for (String feed : settings.feedNames()) {
            group.addGroup(JobMetrics.FEED, feed).gauge(JobMetrics.FEED_AGE_SECONDS,
                    () -> (System.currentTimeMillis() - freshAt.get(feed)) / 1000);
        }
    }

    /** Seconds since {@code feed} was last known fresh. */
    long ageSeconds(String feed, long nowMillis) {
        return (nowMillis - freshAt.get(feed)) / 1000;
    }

    @Override
    public Poll<FeedUpdate, HttpFeedPosition> poll(HttpFeedPosition position) throws InterruptedException {
        List<Poll.Chunk<FeedUpdate, HttpFeedPosition>> chunks = new ArrayList<>();
        for (HttpFeedSettings.HttpList list : settings.lists()) {
            try {
                pollList(list, position, chunks);
            } catch (IOException e) {
                LOG.warn("HTTP feed {}: {}; tried again in {}", list.name(), e.getMessage(), settings.pollInterval());
            }
        }
        if (settings.osv() != null) {
            for (String ecosystem : settings.osv().ecosystems()) {
                try {
                    pollOsv(ecosystem, position, chunks);
                } catch (IOException e) {
                    LOG.warn("OSV export {}: {}; tried again in {}", ecosystem, e.getMessage(),
                            settings.pollInterval());
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("HTTP feed poll interrupted");
                }
            }
        }
        if (!position.initialLoadAnnounced()) {
            chunks.add(new Poll.Chunk<>(List.of(FeedUpdate.initialLoadDone()), HttpFeedPosition::announced));
        }
        return new Poll<>(chunks, settings.pollInterval());
    }

    private void pollList(HttpFeedSettings.HttpList list, HttpFeedPosition position,
            List<Poll.Chunk<FeedUpdate, HttpFeedPosition>> chunks) throws IOException {
        String known = position.etag(list.url());
        Request.Builder request = new Request.Builder().url(list.url());
        if (known != null && !known.isEmpty()) {
            request.header("If-None-Match", known);
        }
        try (Response response = client.newCall(request.build()).execute()) {
            if (response.code() == 304) {
                freshAt.put(list.name(), System.currentTimeMillis());
                return;
            }
            byte[] body = bodyOf(response, list.url());
            String etag = response.header("ETag");
            freshAt.put(list.name(), System.currentTimeMillis());
            // a list read before is replaced whole: lines taken out of it withdraw their entries
            FeedDirectory.Result read = FeedDirectory.read(list.name(), body, list.url());
            chunks.add(new Poll.Chunk<>(FeedUpdate.of(read, false, known == null ? null : list.name()),
                    p -> p.read(list.url(), etag)));
        }
    }

    private void pollOsv(String ecosystem, HttpFeedPosition position,
            List<Poll.Chunk<FeedUpdate, HttpFeedPosition>> chunks) throws IOException {
        String cursor = position.cursor(ecosystem);
        Modified modified = modifiedSince(ecosystem, cursor);
        if (modified == null) {
            // modified_id.csv is as it was
            freshAt.put("osv/" + ecosystem, System.currentTimeMillis());
            return;
        }
        List<FeedUpdate> updates = new ArrayList<>(modified.deadLetters());
        if (cursor == null) {
            updates.addAll(FeedUpdate.of(readExport(ecosystem), false, null));
        } else {
            for (String id : modified.ids()) {
                String feed = feedName(ecosystem, id + ".json");
                String url = url(ecosystem, id + ".json").toString();
                FeedDirectory.Result read;
                try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
                    read = response.code() == 404
                            // gone from the export: an entry withdrawn by deletion withdraws what it held
                            ? FeedDirectory.Result.empty()
                            : FeedDirectory.read(feed, bodyOf(response, url), url);
                }
                // a modified entry replaces its earlier version
                updates.addAll(FeedUpdate.of(read, false, feed));
            }
        }
        freshAt.put("osv/" + ecosystem, System.currentTimeMillis());
        String newest = modified.newest() == null ? (cursor == null ? Instant.EPOCH.toString() : cursor)
                : modified.newest();
        chunks.add(new Poll.Chunk<>(updates, p -> p.modifiedUntil(ecosystem, newest)));
    }

    /**
     * What {@code modified_id.csv} (one {@code MODIFIED,ID} line an entry, newest first) lists as modified after
     * {@code cursor} (all ids when null), and its newest time; null when it is unchanged since the last poll.
     */
    private Modified modifiedSince(String ecosystem, String cursor) throws IOException {
        HttpUrl url = url(ecosystem, MODIFIED_ID);
        Request.Builder request = new Request.Builder().url(url);
        String etag = modifiedEtags.get(ecosystem);
        if (etag != null && cursor != null) {
            request.header("If-None-Match", etag);
        }
        String text;
        try (Response response = client.newCall(request.build()).execute()) {
            if (response.code() == 304) {
                return null;
            }
            text = new String(bodyOf(response, url.toString()), StandardCharsets.UTF_8);
            if (response.header("ETag") != null) {
                modifiedEtags.put(ecosystem, response.header("ETag"));
            }
        }
        Instant after = cursor == null ? null : Instant.parse(cursor);
        List<String> ids = new ArrayList<>();
        List<FeedUpdate> deadLetters = new ArrayList<>();
        Instant newest = null;
        int lineNumber = 0;
        for (String line : text.lines().toList()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            int comma = line.indexOf(',');
            Instant time;
            try {
                time = Instant.parse(line.substring(0, Math.max(comma, 0)).strip());
            } catch (DateTimeParseException e) {
                deadLetters.add(FeedUpdate.deadLetter(new DeadLetter("feed", url + ":" + lineNumber,
                        "modified_id.csv line is not MODIFIED,ID (an RFC 3339 time, then an OSV id)", line)));
                continue;
            }
            String id = line.substring(comma + 1).strip();
            // the bucket's top-level list writes ECOSYSTEM/ID; an ecosystem's own writes ID
            id = id.substring(id.lastIndexOf('/') + 1);
            if (!id.matches("[A-Za-z0-9._-]+")) {
                deadLetters.add(FeedUpdate.deadLetter(new DeadLetter("feed", url + ":" + lineNumber,
                        "modified_id.csv id is not an OSV id", line)));
                continue;
            }
            if (newest == null || time.isAfter(newest)) {
                newest = time;
            }
            if (after == null || time.isAfter(after)) {
                ids.add(id);
            }
        }
        return new Modified(after == null ? List.of() : ids, newest == null ? null : newest.toString(), deadLetters);
    }

    /** What modified_id.csv says is new: ids to read, the newest time it lists, and its lines that are no line. */
    private record Modified(List<String> ids, String newest, List<FeedUpdate> deadLetters) {}

    /** Every entry of an ecosystem's {@code all.zip}, downloaded to a temporary file and read an entry at a time. */
    private FeedDirectory.Result readExport(String ecosystem) throws IOException {
        HttpUrl url = url(ecosystem, "all.zip");
        Path zip = Files.createTempFile("iocstream-osv-", ".zip");
        try {
            try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
                ResponseBody body = checked(response, url.toString());
                try (InputStream in = body.byteStream()) {
                    Files.copy(in, zip, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            List<IocEntry> packages = new ArrayList<>();
            List<Indicator> indicators = new ArrayList<>();
            List<DeadLetter> deadLetters = new ArrayList<>();
            Map<String, Integer> unsupported = new TreeMap<>();
            try (ZipFile file = new ZipFile(zip.toFile())) {
                Enumeration<? extends ZipEntry> entries = file.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    if (entry.isDirectory() || !entry.getName().endsWith(".json")) {
                        continue;
                    }
                    String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                    byte[] content;
                    try (InputStream in = file.getInputStream(entry)) {
                        content = in.readAllBytes();
                    }
                    FeedDirectory.Result one = FeedDirectory.read(feedName(ecosystem, name), content, url + "!" + name);
                    packages.addAll(one.packages());
                    indicators.addAll(one.indicators());
                    deadLetters.addAll(one.deadLetters());
                    unsupported = FeedDirectory.Result.merge(unsupported, one.unsupported());
                }
            }
            return new FeedDirectory.Result(packages, indicators, deadLetters, unsupported);
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    /** The feed file an OSV entry stands for, as a feed directory would name it. */
    static String feedName(String ecosystem, String file) {
        return "osv/" + ecosystem + "/" + file;
    }

    /** A URL under the export's base: the only place OSV is asked. */
    private HttpUrl url(String ecosystem, String file) {
        HttpUrl base = HttpUrl.get(settings.osv().baseUrl());
        return base.newBuilder().addPathSegment(ecosystem).addPathSegment(file).build();
    }

    private static byte[] bodyOf(Response response, String url) throws IOException {
        return checked(response, url).bytes();
    }

    private static ResponseBody checked(Response response, String url) throws IOException {
        if (response.code() != 200 || response.body() == null) {
            throw new IOException("GET " + url + " answered " + response.code());
        }
        return response.body();
    }

    @Override
    public Duration afterFailure() {
        return settings.pollInterval();
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    /** Builds the poller where the source runs. */
    record Factory(HttpFeedSettings settings) implements PollerFactory<FeedUpdate, HttpFeedPosition> {
        @Override
        public Poller<FeedUpdate, HttpFeedPosition> create() {
            return new HttpFeedPoller(settings);
        }
    }
}
