package io.iocstream.github.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A real HTTP server on 127.0.0.1 that answers the GitHub REST calls iocstream makes from a world directory:
 * contents (JSON and raw), recursive git trees, git blobs, compare and rate_limit, with GitHub's rate-limit
 * headers and injected latency and 5xx errors. It counts every request by kind.
 */
public final class GitHubSimulator implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService workers;
    private final WorldRepos repos;
    private final SimulatorOptions options;
    private final Random faults;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();
    private final RateWindow window;

    private GitHubSimulator(Path world, SimulatorOptions options, int port) throws IOException {
        this.repos = new WorldRepos(world);
        this.options = options;
        this.faults = new Random(options.seed());
        this.window = new RateWindow(options.rateLimit(), options.rateLimitWindow().toSeconds());
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        this.workers = Executors.newFixedThreadPool(32, runnable -> {
            Thread thread = new Thread(runnable, "github-simulator");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    public static GitHubSimulator start(Path world, SimulatorOptions options, int port) throws IOException {
        GitHubSimulator simulator = new GitHubSimulator(world, options, port);
        simulator.server.start();
        return simulator;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests served so far, by kind ({@code contents}, {@code trees}, {@code injected_error}, ...). */
    public Map<String, Long> requestCounts() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((kind, count) -> snapshot.put(kind, count.sum()));
        return snapshot;
    }

    public long totalRequests() {
        return total.get();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            total.incrementAndGet();
            if (options.latencyMs() > 0) {
                sleep(options.latencyMs());
            }
            RateWindow.Reading rate = window.take(Instant.now().getEpochSecond());
            exchange.getResponseHeaders().add("x-ratelimit-limit", String.valueOf(options.rateLimit()));
            exchange.getResponseHeaders().add("x-ratelimit-remaining", String.valueOf(rate.remaining()));
            exchange.getResponseHeaders().add("x-ratelimit-used", String.valueOf(rate.used()));
            exchange.getResponseHeaders().add("x-ratelimit-reset", String.valueOf(rate.reset()));
            exchange.getResponseHeaders().add("x-ratelimit-resource", "core");
            if (!rate.allowed()) {
                count("rate_limited");
                message(exchange, 403, "API rate limit exceeded for 127.0.0.1.");
                return;
            }
            if (injectError()) {
                count("injected_error");
                message(exchange, faults() < 0.5 ? 502 : 503, "Server Error");
                return;
            }
            route(exchange);
        } catch (RuntimeException e) {
            count("server_error");
            message(exchange, 500, e.toString());
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("GET")) {
            notFound(exchange);
            return;
        }
        List<String> parts = List.of(exchange.getRequestURI().getPath().replaceFirst("^/", "").split("/", -1));
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (parts.size() == 1 && parts.get(0).equals("rate_limit")) {
            count("rate_limit");
            rateLimit(exchange);
        } else if (parts.size() >= 5 && parts.get(0).equals("repos") && parts.get(3).equals("contents")) {
            count("contents");
            contents(exchange, parts.get(1) + "/" + parts.get(2), String.join("/", parts.subList(4, parts.size())),
                    query.get("ref"));
        } else if (parts.size() == 6 && parts.get(0).equals("repos") && parts.get(3).equals("git")
                && parts.get(4).equals("trees")) {
            count("trees");
            tree(exchange, parts.get(1) + "/" + parts.get(2), parts.get(5), "1".equals(query.get("recursive")));
        } else if (parts.size() == 6 && parts.get(0).equals("repos") && parts.get(3).equals("git")
                && parts.get(4).equals("blobs")) {
            count("blobs");
            blob(exchange, parts.get(1) + "/" + parts.get(2), parts.get(5));
        } else if (parts.size() == 5 && parts.get(0).equals("repos") && parts.get(3).equals("compare")
                && parts.get(4).contains("...")) {
            count("compare");
            String[] range = parts.get(4).split("\\.\\.\\.", 2);
            compare(exchange, parts.get(1) + "/" + parts.get(2), range[0], range[1]);
        } else {
            notFound(exchange);
        }
    }

    private void contents(HttpExchange exchange, String repo, String path, String ref) throws IOException {
        SortedMap<String, WorldRepos.Blob> tree = ref == null ? null : repos.tree(repo, ref).orElse(null);
        WorldRepos.Blob blob = tree == null ? null : tree.get(path);
        if (blob == null) {
            notFound(exchange);
            return;
        }
        String accept = String.valueOf(exchange.getRequestHeaders().getFirst("Accept"));
        if (accept.contains(".raw")) {
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, blob.size() == 0 ? -1 : blob.size());
            try (OutputStream body = exchange.getResponseBody()) {
                Files.copy(blob.file(), body);
            }
            return;
        }
        ObjectNode file = JSON.createObjectNode();
        file.put("type", "file");
        file.put("name", path.substring(path.lastIndexOf('/') + 1));
        file.put("path", path);
        file.put("sha", blob.oid());
        file.put("size", blob.size());
        file.put("encoding", "base64");
        file.put("content", base64(blob.file()));
        json(exchange, 200, file);
    }

    private void tree(HttpExchange exchange, String repo, String sha, boolean recursive) throws IOException {
        SortedMap<String, WorldRepos.Blob> tree = repos.tree(repo, sha).orElse(null);
        if (tree == null) {
            notFound(exchange);
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("sha", sha);
        body.put("url", baseUrl() + "/repos/" + repo + "/git/trees/" + sha);
        ArrayNode entries = body.putArray("tree");
        TreeSet<String> dirs = new TreeSet<>();
        for (Map.Entry<String, WorldRepos.Blob> file : tree.entrySet()) {
            String path = file.getKey();
            for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                dirs.add(path.substring(0, slash));
            }
            if (recursive || !path.contains("/")) {
                entries.addObject().put("path", path).put("mode", "100644").put("type", "blob")
                        .put("sha", file.getValue().oid()).put("size", file.getValue().size());
            }
        }
        for (String dir : dirs) {
            if (recursive || !dir.contains("/")) {
                entries.addObject().put("path", dir).put("mode", "040000").put("type", "tree")
                        .put("sha", WorldRepos.blobOid(("tree " + repo + " " + sha + " " + dir).getBytes()));
            }
        }
        body.put("truncated", false);
        json(exchange, 200, body);
    }

    private void blob(HttpExchange exchange, String repo, String oid) throws IOException {
        WorldRepos.Blob blob = repos.blob(repo, oid).orElse(null);
        if (blob == null) {
            notFound(exchange);
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("sha", oid);
        body.put("size", blob.size());
        body.put("encoding", "base64");
        body.put("content", base64(blob.file()));
        json(exchange, 200, body);
    }

    private void compare(HttpExchange exchange, String repo, String base, String head) throws IOException {
        SortedMap<String, WorldRepos.Blob> before = repos.tree(repo, base).orElse(null);
        SortedMap<String, WorldRepos.Blob> after = repos.tree(repo, head).orElse(null);
        if (before == null || after == null) {
            notFound(exchange);
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("status", "ahead");
        body.put("ahead_by", 1);
        body.put("behind_by", 0);
        body.put("total_commits", 1);
        ArrayNode files = body.putArray("files");
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        for (String path : paths) {
            WorldRepos.Blob old = before.get(path);
            WorldRepos.Blob now = after.get(path);
            String status = old == null ? "added" : now == null ? "removed" : old.oid().equals(now.oid()) ? null
                    : "modified";
            if (status == null) {
                continue;
            }
            if (files.size() == 300) {
                // GitHub lists at most 300 files; the rest must be found another way
                break;
            }
            files.addObject().put("sha", (now != null ? now : old).oid()).put("filename", path)
                    .put("status", status);
        }
        json(exchange, 200, body);
    }

    private void rateLimit(HttpExchange exchange) throws IOException {
        RateWindow.Reading rate = window.peek(Instant.now().getEpochSecond());
        ObjectNode core = JSON.createObjectNode().put("limit", options.rateLimit()).put("used", rate.used())
                .put("remaining", rate.remaining()).put("reset", rate.reset());
        ObjectNode body = JSON.createObjectNode();
        body.putObject("resources").set("core", core);
        body.set("rate", core);
        json(exchange, 200, body);
    }

    private boolean injectError() {
        return options.errorRate() > 0 && faults() < options.errorRate();
    }

    private double faults() {
        synchronized (faults) {
            return faults.nextDouble();
        }
    }

    private void count(String kind) {
        counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    private void notFound(HttpExchange exchange) throws IOException {
        count("not_found");
        message(exchange, 404, "Not Found");
    }

    private static void message(HttpExchange exchange, int status, String message) throws IOException {
        json(exchange, status, JSON.createObjectNode().put("message", message)
                .put("documentation_url", "https://docs.github.com/rest"));
    }

    private static void json(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Base64 as GitHub writes it: wrapped at 60 characters. */
    private static String base64(Path file) throws IOException {
        return Base64.getMimeEncoder(60, new byte[] {'\n'}).encodeToString(Files.readAllBytes(file)) + "\n";
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new TreeMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                            java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
