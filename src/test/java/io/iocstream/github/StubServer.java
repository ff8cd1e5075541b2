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

/** A one-answer HTTP server for client tests that need answers the simulator never gives. */
final class StubServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicReference<Headers> lastHeaders = new AtomicReference<>();
    private final AtomicReference<String> lastPath = new AtomicReference<>();

    StubServer(int status, Map<String, String> headers, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        server.createContext("/", exchange -> answer(exchange, status, headers, body));
        server.start();
    }

    private void answer(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        hits.incrementAndGet();
        lastHeaders.set(exchange.getRequestHeaders());
        lastPath.set(exchange.getRequestURI().getRawPath());
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int hits() {
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
