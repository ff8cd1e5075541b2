package io.iocstream.alerts;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends one request until the receiver takes it: a 2xx is delivered; a 429, a 5xx or a failed connection is tried
 * again after an exponential backoff, or after the receiver's {@code Retry-After} (seconds or an HTTP date) when it
 * gives one, up to {@link #MAX_RETRY_AFTER}; any other status is refused for good (a bad key, a malformed request:
 * trying again would not help). Messages never hold the URL (a Slack webhook's URL is its secret).
 */
public final class AlertDelivery {

    /** The longest Retry-After honoured, so that one receiver cannot hold the job's checkpoints for long. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    /** How a delivery ended: after how many attempts, and why not when it was not delivered. */
    public record Outcome(boolean delivered, int attempts, String problem) {}

    /** Waits between attempts; tests may count the pauses. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final OkHttpClient http;
    private final DeliveryRetry retry;
    private final Pause pause;

    public AlertDelivery(OkHttpClient http, DeliveryRetry retry, Pause pause) {
        this.http = http;
        this.retry = retry;
        this.pause = pause;
    }

    /** Sends {@code request}; {@code onRetry} hears of each attempt that will be tried again. */
    public Outcome send(Request request, Runnable onRetry) throws InterruptedException {
        String problem = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            Duration wait = retry.backoff(attempt);
            try (Response response = http.newCall(request).execute()) {
                if (response.isSuccessful()) {
                    return new Outcome(true, attempt, null);
                }
                problem = "HTTP " + response.code();
                if (response.code() != 429 && response.code() < 500) {
                    return new Outcome(false, attempt, problem + " " + firstLine(response));
                }
                Duration asked = retryAfter(response.header("Retry-After"), Instant.now());
                if (asked != null) {
                    wait = asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
                }
            } catch (IOException e) {
                problem = e.getClass().getSimpleName();
            }
            if (attempt < retry.maxAttempts()) {
                onRetry.run();
                pause.sleep(wait);
            }
        }
        return new Outcome(false, retry.maxAttempts(), problem);
    }

    /** A Retry-After header's pause: delay-seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        if (value.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        try {
            Duration until = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant());
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String firstLine(Response response) throws IOException {
        String body = response.body() == null ? "" : response.body().string();
        String line = body.lines().findFirst().orElse("").strip();
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
