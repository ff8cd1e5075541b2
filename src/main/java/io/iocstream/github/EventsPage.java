package io.iocstream.github;

import java.time.Duration;
import java.util.List;

/**
 * One page of an organisation's events, newest first, as {@code GET /orgs/ORG/events} listed it.
 *
 * @param notModified  true when GitHub answered 304: the ETag still matches, nothing is new (and nothing was charged)
 * @param events       each event on the page with an id, in the order listed; empty when not modified
 * @param etag         the page's ETag, to send back as {@code If-None-Match}; null when GitHub sent none
 * @param nextUrl      the {@code Link rel="next"} URL of the following page, or null on the last page
 * @param pollInterval what {@code X-Poll-Interval} asks: never poll again sooner; zero when absent
 */
public record EventsPage(boolean notModified, List<ListedEvent> events, String etag, String nextUrl,
        Duration pollInterval) {

    public EventsPage {
        events = List.copyOf(events);
    }
}
