package io.iocstream.findings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON form of a finding or a dead letter, as every output writes it: the replay's files, the Kafka topics
 * and the day folders hold the same object for the same record (docs/findings.md).
 */
public final class JsonLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {}

    /** The record as one line of JSON, without the line break. */
    public static String of(Object record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            // records of strings, numbers and lists always serialise
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(Object record) {
        return of(record).getBytes(StandardCharsets.UTF_8);
    }
}
