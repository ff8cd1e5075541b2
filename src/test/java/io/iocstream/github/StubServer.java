package io.iocstream.github;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A small HTTP server for client tests that need answers the simulator never gives. */
public final class StubServer implements AutoCloseable {

    /** What the server answers a request, given its path and headers. */
    @FunctionalInterface
    public interface Answerer {
        Answer answer(String path, Headers requestHeaders);
    }

    /** One answer: status, response headers and body. */
    public record Answer(int status, Map<String, String> headers, String body) {}

    private final HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicReference<Headers> lastHeaders = new AtomicReference<>();
    private final AtomicReference<String> lastPath = new AtomicReference<>();

    /** Answers every request alike. */
    public StubServer(int status, Map<String, String> headers, String body) throws IOException {
        this((path, requestHeaders) -> new Answer(status, headers, body));
    }

    public StubServer(Answerer answerer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        server.createContext("/", exchange -> answer(exchange, answerer));
        server.start();
    }

    private void answer(HttpExchange exchange, Answerer answerer) throws IOException {
        hits.incrementAndGet();
        lastHeaders.set(exchange.getRequestHeaders());
        lastPath.set(exchange.getRequestURI().getRawPath());
        Answer answer = answerer.answer(exchange.getRequestURI().getRawPath(), exchange.getRequestHeaders());
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int hits() {
        return hits.get();
    }

    Headers lastHeaders() {
        return lastHeaders.get();
    }

    String lastPath() {
        return lastPath.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
