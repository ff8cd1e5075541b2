package io.iocstream.fetch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.changes.ScanRequest;
import io.iocstream.pipeline.DeadLetter;

/** Dead letters of the fetch stage, each carrying the request needed to fetch the same thing again. */
final class FetchDeadLetters {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FetchDeadLetters() {}

    static DeadLetter listing(ScanRequest request, String reason) {
        // a baseline of a head whose lookup failed has no commit: its ref says what was asked
        String at = request.commit() != null ? request.commit() : request.ref();
        return new DeadLetter("fetch", request.repo() + "@" + at,
                request.mode() + " listing failed: " + reason, json(request));
    }

    static DeadLetter file(FileRef file, String reason) {
        return new DeadLetter("fetch", file.repo() + "@" + file.commit() + ":" + file.path(),
                "file fetch failed: " + reason, json(file));
    }

    private static String json(Object redrive) {
        try {
            return JSON.writeValueAsString(redrive);
        } catch (JsonProcessingException e) {
            return String.valueOf(redrive);
        }
    }
}
