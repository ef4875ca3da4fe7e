package io.nubis.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** Statements to and from the JSON stored in {@code iam_policy.statements}. */
final class PolicyJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<PolicyStatement>> LIST = new TypeReference<>() {
    };

    private PolicyJson() {
    }

    static String write(List<PolicyStatement> statements) {
        try {
            return MAPPER.writeValueAsString(statements);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pretty(List<PolicyStatement> statements) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(statements);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses statements; throws {@link JsonProcessingException} for text that is not a list of statements. */
    static List<PolicyStatement> read(String json) throws JsonProcessingException {
        List<PolicyStatement> l = MAPPER.readValue(json, LIST);
        if (l == null) {
            throw new com.fasterxml.jackson.databind.JsonMappingException(null, "null");
        }
        return l;
    }

    static List<PolicyStatement> readStored(String json) {
        try {
            return read(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored policy is not valid JSON", e);
        }
    }
}
