package io.iocstream.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What the receiver does with an authentic delivery, by its {@code X-GitHub-Event}, in the form the job's ingest reads
 * (docs/findings.md, event lines):
 * <ul>
 *   <li>{@code push} and {@code repository}: the body as sent, keyed by {@code repository.full_name};</li>
 *   <li>{@code create} of a branch: a baseline request of that branch at its head (the job scans a ref once);</li>
 *   <li>{@code create} of a tag and {@code delete}: nothing; their {@code push} event carries the commit the job
 *       needs (a tag's commit, a deleted branch's last commit), which these events lack;</li>
 *   <li>{@code ping} and every other event: nothing, counted.</li>
 * </ul>
 */
record DeliveryRoute(Outcome outcome, String repository, byte[] value, String reason) {

    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Write {@code value} keyed by {@code repository}. */
    static DeliveryRoute write(String repository, byte[] value) {
        return new DeliveryRoute(Outcome.STORED, repository, value, null);
    }

    static DeliveryRoute answer(Outcome outcome, String reason) {
        return new DeliveryRoute(outcome, null, null, reason);
    }

    boolean writes() {
        return value != null;
    }

    static DeliveryRoute of(String event, byte[] body) {
        return switch (event) {
            case "ping" -> answer(Outcome.PING, "pong");
            case "push", "repository", "create", "delete" -> read(event, body);
            default -> answer(Outcome.IGNORED, "event '" + event + "' is not read by the job");
        };
    }

    private static DeliveryRoute read(String event, byte[] body) {
        Fields fields;
        try {
            fields = Fields.read(body);
        } catch (IOException e) {
            return answer(Outcome.BAD_REQUEST, "body is not a JSON object");
        }
        if (fields.repository() == null) {
            return answer(Outcome.BAD_REQUEST, "no repository.full_name in the " + event + " event");
        }
        return switch (event) {
            case "create" -> create(fields);
            case "delete" -> answer(Outcome.IGNORED, "delete events carry no commit; the push event of the "
                    + "deletion is read");
            default -> write(fields.repository(), body);
        };
    }

    private static DeliveryRoute create(Fields fields) {
        if (!"branch".equals(fields.refType())) {
            return answer(Outcome.IGNORED, "a created " + fields.refType() + " is read from its push event");
        }
        if (fields.ref() == null || fields.ref().isBlank()) {
            return answer(Outcome.BAD_REQUEST, "no ref in the create event");
        }
        ObjectNode baseline = MAPPER.createObjectNode();
        baseline.put("iocstream", "baseline");
        baseline.put("repository", fields.repository());
        baseline.put("ref", "refs/heads/" + fields.ref());
        return write(fields.repository(), baseline.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The few top-level fields routing needs, read by streaming: a push body may be 25 MB. */
    record Fields(String repository, String ref, String refType) {
        static Fields read(byte[] body) throws IOException {
            String repository = null;
            String ref = null;
            String refType = null;
            try (JsonParser parser = JSON.createParser(body)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("not an object");
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (name.equals("repository") && value == JsonToken.START_OBJECT) {
                        repository = fullName(parser);
                    } else if (name.equals("ref") && value == JsonToken.VALUE_STRING) {
                        ref = parser.getText();
                    } else if (name.equals("ref_type") && value == JsonToken.VALUE_STRING) {
                        refType = parser.getText();
                    } else {
                        parser.skipChildren();
                    }
                }
            }
            return new Fields(repository, ref, refType);
        }

        private static String fullName(JsonParser parser) throws IOException {
            String fullName = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("full_name") && value == JsonToken.VALUE_STRING) {
                    fullName = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            return fullName;
        }
    }
}
