package io.iocstream.feeds;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A feed publisher for tests: a real HTTP server on loopback (the JDK's) that serves files by path as OSV's bucket
 * and list publishers do, each with a strong ETag (its SHA-256), answering a matching {@code If-None-Match} with 304.
 * It records every request's path, so a test can check nothing else was asked.
 */
public final class FeedPublisher implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Integer> failing = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> notModified = new CopyOnWriteArrayList<>();

    private FeedPublisher(HttpServer server) {
        this.server = server;
    }

    public static FeedPublisher start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FeedPublisher publisher = new FeedPublisher(server);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            publisher.requests.add(path);
            byte[] body = publisher.files.get(path);
            Integer status = publisher.failing.get(path);
            if (status != null) {
                exchange.sendResponseHeaders(status, -1);
            } else if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                String etag = "\"" + sha256(body) + "\"";
                exchange.getResponseHeaders().add("ETag", etag);
                if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    publisher.notModified.add(path);
                    exchange.sendResponseHeaders(304, -1);
                } else {
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            }
            exchange.close();
        });
        server.start();
        return publisher;
    }

    /** The base URL: {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    public FeedPublisher put(String path, byte[] body) {
        files.put(path, body);
        return this;
    }

    public FeedPublisher put(String path, String body) {
        return put(path, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers {@code path} with {@code status} until {@link #heal}. */
    public FeedPublisher fail(String path, int status) {
        failing.put(path, status);
        return this;
    }

    public FeedPublisher heal(String path) {
        failing.remove(path);
        return this;
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    public List<String> notModified() {
        return List.copyOf(notModified);
    }

    /** A zip of OSV entry files, each under its own name, as OSV's {@code all.zip} holds them. */
    public static byte[] zipOf(List<Path> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path entry : entries) {
                zip.putNextEntry(new ZipEntry(entry.getFileName().toString()));
                zip.write(Files.readAllBytes(entry));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
