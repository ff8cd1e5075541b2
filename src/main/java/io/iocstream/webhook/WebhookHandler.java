package io.iocstream.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers GitHub's deliveries on the configured path, {@code /healthz}, {@code /livez} and {@code /metrics}. A
 * delivery is read whole (at most 25 MB), its signature checked before anything else is believed, its delivery id
 * claimed, and its body written to the topic; it is answered 202 only once Kafka acknowledged the write. Each delivery
 * is logged in one line, without its body or any secret.
 */
final class WebhookHandler extends Handler.Abstract {

    /** GitHub's unique id of a delivery, the same in its redeliveries; also the record header that carries it. */
    static final String DELIVERY_HEADER = "X-GitHub-Delivery";
    /** GitHub's event name; also a record header. */
    static final String EVENT_HEADER = "X-GitHub-Event";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
    private static final Pattern DELIVERY_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern EVENT_NAME = Pattern.compile("[a-z_]{1,64}");
    private static final String TEXT = "text/plain; charset=utf-8";

    private final String path;
    private final long maxBodyBytes;
    private final WebhookSignature signature;
    private final DeliveryLedger ledger;
    private final EventTopic topic;
    private final WebhookMetrics metrics;
    private final BooleanSupplier ready;

    WebhookHandler(String path, long maxBodyBytes, WebhookSignature signature, DeliveryLedger ledger, EventTopic topic,
            WebhookMetrics metrics, BooleanSupplier ready) {
        this.path = path;
        this.maxBodyBytes = maxBodyBytes;
        this.signature = signature;
        this.ledger = ledger;
        this.topic = topic;
        this.metrics = metrics;
        this.ready = ready;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String target = Request.getPathInContext(request);
        boolean get = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
        if (target.equals("/healthz") || target.equals("/livez") || target.equals("/metrics")) {
            if (!get) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                send(response, callback, 405, "method not allowed\n");
            } else if (target.equals("/livez")) {
                send(response, callback, 200, "ok\n");
            } else if (target.equals("/healthz")) {
                boolean up = ready.getAsBoolean();
                send(response, callback, up ? 200 : 503, up ? "ok\n" : "not ready: Kafka unreachable or delivery "
                        + "ids not yet recalled\n");
            } else {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, metrics.contentType());
                response.write(true, ByteBuffer.wrap(metrics.scrape()), callback);
            }
            return true;
        }
        Delivery delivery = new Delivery(System.nanoTime(), headerId(request));
        if (!target.equals(path)) {
            finish(response, callback, delivery, Outcome.NOT_FOUND, "no such path");
        } else if (!request.getMethod().equals("POST")) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            finish(response, callback, delivery, Outcome.METHOD_NOT_ALLOWED, "only POST");
        } else {
            receive(request, response, callback, delivery);
        }
        return true;
    }

    private void receive(Request request, Response response, Callback callback, Delivery delivery) throws IOException {
        if (request.getLength() > maxBodyBytes) {
            finish(response, callback, delivery, Outcome.TOO_LARGE, "body of " + request.getLength() + " bytes");
            return;
        }
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes((int) maxBodyBytes + 1);
        }
        if (body.length > maxBodyBytes) {
            finish(response, callback, delivery, Outcome.TOO_LARGE, "body over " + maxBodyBytes + " bytes");
            return;
        }
        metrics.body(body.length);
        String signed = request.getHeaders().get(WebhookSignature.HEADER);
        if (signed == null) {
            finish(response, callback, delivery, Outcome.UNSIGNED, "no " + WebhookSignature.HEADER);
            return;
        }
        if (!signature.verify(body, signed)) {
            finish(response, callback, delivery, Outcome.FORGED, "signature matches no secret");
            return;
        }
        String event = request.getHeaders().get(EVENT_HEADER);
        if (event == null || !EVENT_NAME.matcher(event).matches() || delivery.id == null) {
            finish(response, callback, delivery, Outcome.BAD_REQUEST, "missing or malformed " + EVENT_HEADER + " or "
                    + DELIVERY_HEADER);
            return;
        }
        delivery.event = event;
        byte[] json = payload(request, body);
        if (json == null) {
            finish(response, callback, delivery, Outcome.BAD_REQUEST, "a form body without a payload field");
            return;
        }
        DeliveryRoute route = DeliveryRoute.of(event, json);
        delivery.repository = route.repository();
        if (!route.writes()) {
            finish(response, callback, delivery, route.outcome(), route.reason());
            return;
        }
        switch (ledger.claim(delivery.id)) {
            case STORED -> finish(response, callback, delivery, Outcome.DUPLICATE, "stored before");
            case IN_FLIGHT -> finish(response, callback, delivery, Outcome.IN_FLIGHT, "being stored now");
            case NEW -> topic.write(route.repository(), route.value(), delivery.id, event)
                    .whenComplete((metadata, failure) -> {
                        if (failure == null) {
                            ledger.stored(delivery.id, Instant.now());
                            finish(response, callback, delivery, Outcome.STORED,
                                    "partition " + metadata.partition() + " offset " + metadata.offset());
                        } else {
                            ledger.release(delivery.id);
                            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                    ? failure.getCause() : failure;
                            finish(response, callback, delivery, cause instanceof TimeoutException
                                    ? Outcome.KAFKA_UNAVAILABLE : Outcome.KAFKA_ERROR,
                                    cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage()));
                        }
                    });
        }
    }

    /**
     * The JSON of the delivery: the body, or for a hook configured with {@code application/x-www-form-urlencoded},
     * its {@code payload} field (GitHub signs the form body, so the signature was checked on that).
     */
    private static byte[] payload(Request request, byte[] body) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return body;
        }
        for (String field : new String(body, StandardCharsets.US_ASCII).split("&")) {
            if (field.startsWith("payload=")) {
                return URLDecoder.decode(field.substring("payload=".length()), StandardCharsets.UTF_8)
                        .getBytes(StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** Answers, counts and logs one delivery; {@code detail} is the receiver's own words, never the body. */
    private void finish(Response response, Callback callback, Delivery delivery, Outcome outcome, String detail) {
        long nanos = System.nanoTime() - delivery.started;
        metrics.delivery(delivery.event, outcome, nanos);
        LOG.info("delivery={} event={} repo={} status={} outcome={} ms={} ({})", delivery.id == null ? "-"
                : delivery.id, delivery.event == null ? "-" : delivery.event,
                delivery.repository == null ? "-" : delivery.repository, outcome.status(), outcome.label(),
                nanos / 1_000_000, detail);
        send(response, callback, outcome.status(), outcome.label() + ": " + detail + "\n");
    }

    private static void send(Response response, Callback callback, int status, String text) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, TEXT);
        Content.Sink.write(response, true, text, callback);
    }

    /** The delivery id header if it looks like one (it is logged, and an unsigned request may say anything). */
    private static String headerId(Request request) {
        String id = request.getHeaders().get(DELIVERY_HEADER);
        return id != null && DELIVERY_ID.matcher(id).matches() ? id : null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** One request's facts, filled in as they become known. */
    private static final class Delivery {
        final long started;
        final String id;
        String event;
        String repository;

        Delivery(long started, String id) {
            this.started = started;
            this.id = id;
        }
    }
}
