package io.iocstream.job;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.iocstream.core.DeadLetter;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Reads the job's YAML file into a {@link JobConfig}. Whatever is wrong with it is one {@link ConfigException} that
 * names the key: an unknown key, a missing required one, a value of the wrong kind or out of range, the same key
 * twice, and a token variable that is not set in the environment.
 */
public final class JobConfigReader {

    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(SNAKE_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JobConfigReader() {}

    /** Reads {@code file}; {@code env} looks up environment variables (System::getenv outside tests). */
    public static JobConfig read(Path file, UnaryOperator<String> env) {
        JobConfig config = parse(readFile(file));
        String tokenEnv = config.github().tokenEnv();
        String token = tokenEnv == null ? "" : env.apply(tokenEnv);
        if (tokenEnv != null && (token == null || token.isBlank())) {
            throw new ConfigException("github.token_env", "environment variable " + config.github().tokenEnv()
                    + " is not set");
        }
        requireAlertSecrets(config, env);
        return config;
    }

    /** The bytes of a configuration file, or a {@link ConfigException} about {@code --config}. */
    public static byte[] readFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("--config", "no such file: " + file);
        } catch (IOException e) {
            throw new ConfigException("--config", "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Every alert receiver's secret variable must be set where the job is submitted, as the token's must. */
    private static void requireAlertSecrets(JobConfig config, UnaryOperator<String> env) {
        JobConfig.Alerts alerts = config.sinks().alerts();
        if (alerts == null) {
            return;
        }
        for (int i = 0; i < alerts.receivers().size(); i++) {
            String secretEnv = alerts.receivers().get(i).secretEnv();
            String value = secretEnv == null ? "" : env.apply(secretEnv);
            if (secretEnv != null && (value == null || value.isBlank())) {
                throw new ConfigException("sinks.alerts.receivers[" + i + "].secret_env", "environment variable "
                        + secretEnv + " is not set");
            }
        }
    }

    static JobConfig parse(byte[] yaml) {
        return parse(yaml, JobConfig.class);
    }

    /**
     * Reads YAML into {@code type}, a record of records (the webhook receiver's configuration is read so too), with
     * the same strictness as the job's file: the first unknown key, missing key or bad value is one
     * {@link ConfigException} naming it.
     */
    public static <T extends Record> T parse(byte[] yaml, Class<T> type) {
        T config;
        try {
            // a misspelt key is what to report, not the required key it leaves missing, which binding sees first
            JsonNode tree = YAML.readTree(yaml);
            if (tree != null && tree.isObject()) {
                requireKnownKeys(tree, type, "");
            }
            config = YAML.treeToValue(tree, type);
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof ConfigException problem) {
                throw problem.under(path(e));
            }
            throw new ConfigException(path(e), firstLine(e.getOriginalMessage()));
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(path(e), "unknown key (known here: " + known(e.getKnownPropertyIds()) + ")");
        } catch (InvalidFormatException e) {
            throw new ConfigException(path(e), "'" + e.getValue() + "' is not " + expected(e.getTargetType()));
        } catch (MismatchedInputException e) {
            throw new ConfigException(path(e), "expected " + expected(e.getTargetType()));
        } catch (JsonProcessingException e) {
            throw syntax(e);
        } catch (IOException e) {
            throw new ConfigException("--config", firstLine(e.getMessage()));
        }
        if (config == null) {
            throw new ConfigException("--config", "the file holds no settings");
        }
        return config;
    }

    /** Fails on the first key of {@code node} (and of its sections, depth first) that {@code type} has no place for. */
    private static void requireKnownKeys(JsonNode node, Class<?> type, String path) {
        Map<String, RecordComponent> components = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            components.put(SNAKE_CASE.translate(component.getName()), component);
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            RecordComponent component = components.get(field.getKey());
            if (component == null) {
                throw new ConfigException(key, "unknown key (known here: " + String.join(", ",
                        components.keySet().stream().sorted().toList()) + ")");
            }
            Class<?> section = component.getType();
            if (section.isRecord() && field.getValue().isObject()) {
                requireKnownKeys(field.getValue(), section, key);
            } else if (List.class.isAssignableFrom(section) && field.getValue().isArray()
                    && component.getGenericType() instanceof ParameterizedType list
                    && list.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
                for (int i = 0; i < field.getValue().size(); i++) {
                    if (field.getValue().get(i).isObject()) {
                        requireKnownKeys(field.getValue().get(i), element, key + "[" + i + "]");
                    }
                }
            }
        }
    }

    /** The dotted key a mapping error is about: {@code sources.org_events[0].org}. */
    private static String path(JsonMappingException e) {
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                key.append(key.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                key.append('[').append(reference.getIndex()).append(']');
            }
        }
        return key.toString();
    }

    /** A syntax error or a key given twice, with the key the parser was in. */
    private static ConfigException syntax(JsonProcessingException e) {
        String message = firstLine(e.getOriginalMessage());
        String line = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
        if (e.getProcessor() instanceof JsonParser parser && message.startsWith("Duplicate field")) {
            List<String> keys = new ArrayList<>();
            for (JsonStreamContext context = parser.getParsingContext(); context != null; context = context.getParent()) {
                if (context.getCurrentName() != null) {
                    keys.add(0, context.getCurrentName());
                }
            }
            return new ConfigException(String.join(".", keys), "given twice" + line);
        }
        return new ConfigException("--config", "not YAML: " + message + line);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(value -> value.toString().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        }
        if (type == Duration.class) {
            return DurationValue.EXPECTED;
        }
        if (type == String.class) {
            return "a text value";
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a section of keys";
    }

    private static String known(Collection<Object> keys) {
        return keys.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : DeadLetter.firstLine(message);
    }
}
