package io.iocstream.github;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Answers requests with GitHub's recorded answers, status, headers and body as recorded, so the client meets what
 * api.github.com really sends. Links to {@code https://api.github.com} in headers point here instead; links to
 * any other host stay as recorded. Every request received is kept for the test to check.
 */
public final class ReplayServer implements AutoCloseable {

    /** What reached the server: method, path with query, Accept header, body (empty for none). */
    public record Received(String method, String pathAndQuery, String accept, String body) {}

    /** Set by the server for the body it writes, not taken from the recording. */
    private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection");

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    /** @param answer the recorded exchange to answer a request's path and query with */
    public ReplayServer(Function<String, RecordedExchange> answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        server.createContext("/", exchange -> answer(exchange, answer));
        server.start();
    }

    /** Answers each request with the exchange recorded for the same path and query. */
    public static ReplayServer of(List<RecordedExchange> exchanges) throws IOException {
        Map<String, RecordedExchange> byPath = new java.util.HashMap<>();
        exchanges.forEach(e -> byPath.put(e.path(), e));
        return new ReplayServer(byPath::get);
    }

    private void answer(HttpExchange exchange, Function<String, RecordedExchange> answer) throws IOException {
        String pathAndQuery = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        received.add(new Received(exchange.getRequestMethod(), pathAndQuery,
                exchange.getRequestHeaders().getFirst("Accept"),
                new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
        RecordedExchange recorded = answer.apply(pathAndQuery);
        if (recorded == null) {
            exchange.sendResponseHeaders(599, -1);
            exchange.close();
            return;
        }
        for (Map.Entry<String, String> header : recorded.headers()) {
            if (!FRAMING.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                exchange.getResponseHeaders().add(header.getKey(),
                        header.getValue().replace("https://api.github.com", baseUrl()));
            }
        }
        byte[] body = recorded.body();
        exchange.sendResponseHeaders(recorded.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
