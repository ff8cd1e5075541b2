package io.iocstream.github.sim;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The simulator's one webhook, as GitHub runs an organisation's or App's hook: it POSTs an event's JSON body to the
 * receiver with GitHub's headers ({@code X-GitHub-Event}, {@code X-GitHub-Delivery}, {@code X-GitHub-Hook-ID},
 * {@code X-Hub-Signature-256} under the hook's secret), waits at most GitHub's 10 s, records each attempt as its
 * deliveries API lists it, and delivers one again when asked (same {@code guid}, {@code redelivery: true}). Like
 * GitHub it never retries a failed delivery by itself. Thread-safe.
 */
public final class HookDeliveries {

    /** GitHub waits this long for the receiver's answer. */
    static final Duration GITHUB_TIMEOUT = Duration.ofSeconds(10);

    /** One attempt to deliver an event, as listed by {@code GET .../deliveries}. */
    public record Attempt(long id, String guid, Instant deliveredAt, boolean redelivery, double duration,
            String status, int statusCode, String event, String action, byte[] body) {}

    private final String org;
    private final long hookId;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(GITHUB_TIMEOUT).build();
    private final List<Attempt> attempts = new ArrayList<>();
    private volatile URI target;
    private volatile String secret;
    private long nextId = 1;

    HookDeliveries(String org, long hookId, Clock clock) {
        this.org = org;
        this.hookId = hookId;
        this.clock = clock;
    }

    /** The organisation whose hook this is (served at {@code /orgs/ORG/hooks/ID/deliveries}). */
    public String org() {
        return org;
    }

    public long hookId() {
        return hookId;
    }

    /** Where the hook delivers and the secret it signs with, as set up on GitHub. */
    public void configure(URI url, String secret) {
        this.target = url;
        this.secret = secret;
    }

    /** Delivers a new event: a new guid, one attempt, whatever the receiver answers. */
    public Attempt deliver(String event, byte[] body) {
        return attempt(UUID.randomUUID().toString(), event, body, false);
    }

    /** Delivers attempt {@code id} again, as {@code POST .../deliveries/ID/attempts} asks; empty if unknown. */
    public Optional<Attempt> redeliver(long id) {
        Optional<Attempt> original = find(id);
        return original.map(found -> attempt(found.guid(), found.event(), found.body(), true));
    }

    /** Every attempt so far, newest first, as the deliveries API lists them. */
    public synchronized List<Attempt> attempts() {
        List<Attempt> newestFirst = new ArrayList<>(attempts);
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    synchronized Optional<Attempt> find(long id) {
        return attempts.stream().filter(attempt -> attempt.id() == id).findFirst();
    }

    private Attempt attempt(String guid, String event, byte[] body, boolean redelivery) {
        URI url = target;
        if (url == null) {
            throw new IllegalStateException("the simulated hook has no URL; configure(url, secret) first");
        }
        Instant started = clock.instant();
        long startedNanos = System.nanoTime();
        int statusCode;
        String status;
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(GITHUB_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "GitHub-Hookshot/iocstream-sim")
                    .header("X-GitHub-Event", event)
                    .header("X-GitHub-Delivery", guid)
                    .header("X-GitHub-Hook-ID", Long.toString(hookId))
                    .header("X-Hub-Signature-256", "sha256=" + hmac(secret, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            statusCode = response.statusCode();
            status = statusCode >= 200 && statusCode < 300 ? "OK" : "Invalid HTTP Response: " + statusCode;
        } catch (HttpTimeoutException e) {
            statusCode = 0;
            status = "timed out";
        } catch (ConnectException e) {
            statusCode = 0;
            status = "failed to connect to host";
        } catch (IOException e) {
            statusCode = 0;
            status = "failed: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            statusCode = 0;
            status = "interrupted";
        }
        double duration = (System.nanoTime() - startedNanos) / 1e9;
        synchronized (this) {
            Attempt attempt = new Attempt(nextId++, guid, started.truncatedTo(ChronoUnit.SECONDS), redelivery,
                    duration, status, statusCode, event, null, body);
            attempts.add(attempt);
            return attempt;
        }
    }

    private static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
