package dev.drift.service.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of {@link FieldValue} used in the ledger, the actual-state store and published
 * events: text is a JSON string, a number a JSON number, items a JSON array of strings, and
 * {@link FieldValue.Absent} is JSON {@code null}.
 */
public final class FieldValueJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FieldValueJson() {
    }

    public static JsonNode toJson(FieldValue value) {
        return switch (value) {
            case FieldValue.Text t -> NODES.textNode(t.value());
            case FieldValue.Number n -> NODES.numberNode(n.value());
            case FieldValue.Items items -> {
                ArrayNode array = NODES.arrayNode();
                items.values().forEach(array::add);
                yield array;
            }
            case FieldValue.Absent a -> NullNode.getInstance();
        };
    }

    public static String toJsonText(FieldValue value) {
        return toJson(value).toString();
    }

    /**
     * Reads a value from JSON. Booleans become text ({@code true}/{@code false}); objects are
     * rejected with {@link IllegalArgumentException} because no field holds a structure.
     */
    public static FieldValue fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return FieldValue.Absent.INSTANCE;
        }
        if (node.isNumber()) {
            return new FieldValue.Number(node.decimalValue());
        }
        if (node.isTextual() || node.isBoolean()) {
            return new FieldValue.Text(node.asText());
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : node) {
                if (item.isContainerNode() || item.isNull()) {
                    throw new IllegalArgumentException("list items must be scalar values");
                }
                items.add(item.asText());
            }
            return new FieldValue.Items(items);
        }
        throw new IllegalArgumentException("a field value must be a scalar or a list, not an object");
    }

    public static FieldValue fromJsonText(String json) {
        try {
            return fromJson(MAPPER.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON value: " + e.getOriginalMessage(), e);
        }
    }
}
