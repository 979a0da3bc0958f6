package dev.petrel.gateway.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON of the control socket: the records of this package with their component names as field names, enums by
 * name. Reading is strict: unknown, missing and null fields and anything after the object are errors.
 */
public final class ControlJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                    DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ControlJson() { }

    /** {@code value} (a status record or a list of them) as indented JSON, as {@code petrel list-sas --json} shows. */
    public static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a control socket value: " + value.getClass().getName(), e);
        }
    }

    /** {@code value} as one line of JSON. */
    static String line(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a control socket value: " + value.getClass().getName(), e);
        }
    }

    /** Reads one JSON object of {@code type}; the exception's original message says what is wrong with it. */
    static <T> T read(String json, Class<T> type) throws JsonProcessingException {
        return MAPPER.readValue(json, type);
    }
}
