package io.iocstream.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on 127.0.0.1 standing in for a receiver (PagerDuty, Opsgenie, Slack, a webhook): it records
 * every request and answers with the statuses queued for it ({@link #answerNext}), then with {@code okStatus}.
 */
public final class ReceiverServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the server received it, with when (System.nanoTime). */
    public record Received(String method, String path, String query, Map<String, List<String>> headers, String body,
            long nanos) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** One scripted answer. */
    record Answer(int status, Map<String, String> headers, String body) {}

    private final HttpServer server;
    private final int okStatus;
    private final String okBody;
    private final Deque<Answer> scripted = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    ReceiverServer(int okStatus, String okBody) throws IOException {
        this.okStatus = okStatus;
        this.okBody = okBody;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
        server.createContext("/", this::answer);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    /** PagerDuty's Events API answers 202 with a status, message and dedup_key. */
    public static ReceiverServer pagerDuty() throws IOException {
        return new ReceiverServer(202, "{\"status\":\"success\",\"message\":\"Event processed\"}");
    }

    /** Opsgenie answers 202 with a request id. */
    public static ReceiverServer opsgenie() throws IOException {
        return new ReceiverServer(202, "{\"result\":\"Request will be processed\",\"took\":0.1,\"requestId\":\"r\"}");
    }

    /** Slack's incoming webhooks answer 200 {@code ok}. */
    public static ReceiverServer slack() throws IOException {
        return new ReceiverServer(200, "ok");
    }

    public static ReceiverServer webhook() throws IOException {
        return new ReceiverServer(204, "");
    }

    synchronized ReceiverServer answerNext(int status, Map<String, String> headers, String body) {
        scripted.add(new Answer(status, headers, body));
        return this;
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body,
                System.nanoTime()));
        Answer answer;
        synchronized (this) {
            answer = scripted.isEmpty() ? new Answer(okStatus, Map.of(), okBody) : scripted.poll();
        }
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

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
