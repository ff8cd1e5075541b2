package io.iocstream.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sums of a local cluster's metrics as its Prometheus reporter serves them (flink-conf's {@code prom} reporter). */
final class PrometheusScrape {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI metrics;

    PrometheusScrape(int port) {
        this.metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
    }

    /**
     * The sum of every series whose name ends in {@code _suffix} (negative and non-finite values left out); -1 when
     * the endpoint does not answer.
     */
    long sum(String suffix) {
        String text = text();
        if (text == null) {
            return -1;
        }
        double total = 0;
        for (String line : text.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (line.startsWith("#") || space <= 0) {
                continue;
            }
            int brace = line.indexOf('{');
            String name = line.substring(0, brace > 0 ? brace : space);
            if (name.endsWith("_" + suffix)) {
                double value = Double.parseDouble(line.substring(space + 1));
                total += Double.isFinite(value) && value > 0 ? value : 0;
            }
        }
        return (long) total;
    }

    private String text() {
        try {
            return http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
