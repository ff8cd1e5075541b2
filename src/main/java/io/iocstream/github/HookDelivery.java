package io.iocstream.github;

import java.time.Instant;

/**
 * One attempt GitHub made to deliver a webhook, as its deliveries API lists it. Redeliveries of a delivery share its
 * {@code guid} (the {@code X-GitHub-Delivery} header) and have {@code redelivery} set.
 *
 * @param statusCode the receiver's HTTP status, 0 when it could not be reached or did not answer in time
 */
public record HookDelivery(long id, String guid, Instant deliveredAt, boolean redelivery, String status,
        int statusCode, String event, String action) {

    /** Whether the receiver took it: a 2xx answer. */
    public boolean succeeded() {
        return statusCode >= 200 && statusCode < 300;
    }
}
