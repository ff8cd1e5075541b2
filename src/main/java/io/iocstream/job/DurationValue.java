package io.iocstream.job;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.Duration;
import org.apache.flink.util.TimeUtils;

/**
 * A duration written as Flink's own configuration writes one ({@code 500ms}, {@code 30s}, {@code 5min}, {@code 24h}),
 * parsed by Flink's {@link TimeUtils}. A bare number is refused: Flink would read it as milliseconds, where a person
 * writing {@code poll_interval: 60} means seconds.
 */
public final class DurationValue extends StdScalarDeserializer<Duration> {

    public static final String EXPECTED = "a duration with its unit, such as 500ms, 30s, 5min or 24h";

    public DurationValue() {
        super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String text = parser.getValueAsString();
        if (parser.currentToken() != JsonToken.VALUE_STRING || text == null || text.strip().matches("\\d+")) {
            throw context.weirdStringException(String.valueOf(text), Duration.class, EXPECTED);
        }
        try {
            return TimeUtils.parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw context.weirdStringException(text, Duration.class, EXPECTED);
        }
    }
}
