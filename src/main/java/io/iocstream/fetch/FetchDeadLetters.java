package io.iocstream.fetch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.changes.ScanRequest;
import io.iocstream.core.DeadLetter;

/** Dead letters of the fetch stage, each carrying the request needed to fetch the same thing again. */
final class FetchDeadLetters {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FetchDeadLetters() {}

    static DeadLetter listing(ScanRequest request, String reason) {
        return new DeadLetter("fetch", origin(request), request.mode() + " listing failed: " + reason, json(request));
    }

    static String origin(ScanRequest request) {
        // a baseline of a head whose lookup failed has no commit: its ref says what was asked
        return request.repo() + "@" + (request.commit() != null ? request.commit() : request.ref());
    }

    static DeadLetter file(FileRef file, String reason) {
        return new DeadLetter("fetch", origin(file), "file fetch failed: " + reason, json(file));
    }

    static String origin(FileRef file) {
        return file.repo() + "@" + file.commit() + ":" + file.path();
    }

    static String json(Object redrive) {
        try {
            return JSON.writeValueAsString(redrive);
        } catch (JsonProcessingException e) {
            return String.valueOf(redrive);
        }
    }
}
