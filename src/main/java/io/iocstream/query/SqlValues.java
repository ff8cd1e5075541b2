package io.iocstream.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBStruct;
import org.duckdb.JsonNode;

/**
 * A DuckDB value as plain Java (strings, numbers, booleans, lists and maps), the form Jackson writes as JSON and
 * the table and CSV print: lists and structs become lists and maps, times their ISO text
 * ({@code 2026-12-06T06:31:28.218255Z}), JSON values the JSON they hold.
 */
final class SqlValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SqlValues() {}

    static Object plain(Object value) throws SQLException {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Array array) {
            List<Object> list = new ArrayList<>();
            for (Object element : (Object[]) array.getArray()) {
                list.add(plain(element));
            }
            return list;
        }
        if (value instanceof DuckDBStruct struct) {
            return plainMap(struct.getMap());
        }
        if (value instanceof Map<?, ?> map) {
            return plainMap(map);
        }
        if (value instanceof JsonNode json) {
            try {
                return JSON.readValue(json.toString(), Object.class);
            } catch (JsonProcessingException e) {
                // DuckDB's JSON type holds only valid JSON; were it not, its text still says what it is
                return json.toString();
            }
        }
        if (value instanceof Timestamp timestamp) {
            // TIMESTAMP and TIMESTAMP_NS, which carry no zone
            return timestamp.toLocalDateTime().toString();
        }
        if (value instanceof TemporalAccessor) {
            return value.toString();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return value.toString();
    }

    /** A value as one cell of text: null is null, lists and maps are JSON, numbers never use an exponent. */
    static String text(Object plain) {
        if (plain == null) {
            return null;
        }
        if (plain instanceof Double || plain instanceof Float) {
            double number = ((Number) plain).doubleValue();
            return Double.isFinite(number) ? BigDecimal.valueOf(number).toPlainString() : plain.toString();
        }
        if (plain instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (plain instanceof List<?> || plain instanceof Map<?, ?>) {
            try {
                return JSON.writeValueAsString(plain);
            } catch (JsonProcessingException e) {
                // plain values of strings, numbers, lists and maps always serialise
                throw new IllegalStateException(e);
            }
        }
        return plain.toString();
    }

    private static Map<String, Object> plainMap(Map<?, ?> map) throws SQLException {
        Map<String, Object> plain = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            plain.put(String.valueOf(entry.getKey()), plain(entry.getValue()));
        }
        return plain;
    }
}
