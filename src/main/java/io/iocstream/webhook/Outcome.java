package io.iocstream.webhook;

import java.util.Locale;

/** How a request to the receiver ended: the {@code outcome} label of its metrics and its log line. */
public enum Outcome {
    /** Written to the topic and acknowledged by Kafka: 202. */
    STORED(202),
    /** A delivery id stored before (a redelivery): 200, nothing written. */
    DUPLICATE(200),
    /** The same delivery id being written by another request now: 409. */
    IN_FLIGHT(409),
    /** GitHub's ping when a hook is created: 200. */
    PING(200),
    /** An authentic event the job does not read: 200, counted, nothing written. */
    IGNORED(200),
    /** No signature: 401. */
    UNSIGNED(401),
    /** A signature that matches no secret: 401. */
    FORGED(401),
    /** A body over GitHub's 25 MB: 413. */
    TOO_LARGE(413),
    /** An authentic request without the headers or fields the receiver needs: 400. */
    BAD_REQUEST(400),
    /** Kafka did not acknowledge within the send timeout: 503, GitHub shows the delivery failed. */
    KAFKA_UNAVAILABLE(503),
    /** Kafka refused the record (too large for the topic, not authorised): 500. */
    KAFKA_ERROR(500),
    /** Another path: 404. */
    NOT_FOUND(404),
    /** Another method: 405. */
    METHOD_NOT_ALLOWED(405);

    private final int status;

    Outcome(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
