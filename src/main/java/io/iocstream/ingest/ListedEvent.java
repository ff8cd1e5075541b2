package io.iocstream.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One event as an Events API page listed it: its id, its type, and the raw JSON the pipeline ingests.
 */
record ListedEvent(String id, String type, String raw) {

    private static final ObjectMapper JSON = new ObjectMapper();

    boolean isPush() {
        return "PushEvent".equals(type);
    }

    /** The events of a page; one without an id cannot be de-duplicated and is left out. */
    static List<ListedEvent> read(List<String> page) {
        List<ListedEvent> events = new ArrayList<>(page.size());
        for (String raw : page) {
            try {
                JsonNode event = JSON.readTree(raw);
                String id = event.path("id").asText("");
                if (!id.isEmpty()) {
                    events.add(new ListedEvent(id, event.path("type").asText(""), raw));
                }
            } catch (IOException e) {
                // the client already parsed the page, so this cannot happen short of a bug
                throw new IllegalStateException("unreadable event on a parsed page", e);
            }
        }
        return events;
    }

    /**
     * The events of {@code pages} (newest first, as GitHub pages them) not seen before, oldest first. Pages that
     * overlap (events arrived while paging and pushed older ones onto the next page) give each event once.
     */
    static List<ListedEvent> unseenOldestFirst(List<List<ListedEvent>> pages, Predicate<String> seen) {
        Set<String> taken = new HashSet<>();
        List<ListedEvent> fresh = new ArrayList<>();
        for (List<ListedEvent> page : pages) {
            for (ListedEvent event : page) {
                if (!seen.test(event.id()) && taken.add(event.id())) {
                    fresh.add(event);
                }
            }
        }
        java.util.Collections.reverse(fresh);
        return fresh;
    }
}
