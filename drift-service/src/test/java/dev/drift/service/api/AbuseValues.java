package dev.drift.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Invalid values for what the contract describes: text for path, query and header parameters, JSON
 * for members of request bodies. Fixed lists of the classics (wrong type, negative, huge, empty,
 * unicode, SQL-ish, path traversal, too long) plus values derived from the schema (one past each
 * bound, near-miss enum values, impossible dates) and a few random strings from a seeded
 * {@link Random}, so that a run can be repeated exactly.
 */
final class AbuseValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Sent as they are, slashes and dots included: they may change which route matches. */
    static final List<String> RAW = List.of("../tokens", "..", ".", "a/b", "%2e%2e", "..%2f..%2ftokens", "%252e");
    private static final List<String> TEXT = List.of(
            "", " ", "abc", "-1", "0", "1.5", "1e309", "-2147483649", "2147483648",
            "99999999999999999999999999999999", "NaN", "true", "null", "[]", "{}", "%", "%00", "\u0000", "\t\n",
            "ünïcødé 😀 中文 \u202e", "\uFEFF", "' OR '1'='1' --", "\"; DROP TABLE drift_event; --",
            "../../../../etc/passwd", "${jndi:ldap://127.0.0.1/x}",
            "<script>alert(1)</script>", "*", "**", "[*]", "a".repeat(3_000), "ü".repeat(700));

    private final Random random;

    AbuseValues(Random random) {
        this.random = random;
    }

    /** Invalid (or at least unusual) text values for a parameter with this schema. */
    List<String> text(JsonNode schema) {
        Set<String> values = new LinkedHashSet<>(TEXT);
        values.addAll(RAW);
        Set<String> types = types(schema);
        if (types.contains("integer") || types.contains("number")) {
            bounds(schema).forEach(bound -> values.add(bound.toString()));
            values.addAll(List.of("9223372036854775808", "-0", "0x10", "1_000", "+5", "1e3"));
        }
        if (types.contains("boolean")) {
            values.addAll(List.of("yes", "1", "TRUE", "tru"));
        }
        if ("uuid".equals(schema.path("format").asText())) {
            values.addAll(List.of("00000000-0000-0000-0000-000000000000", "not-a-uuid",
                    "0000000-0000-0000-0000-0000000000000", "{00000000-0000-0000-0000-000000000000}",
                    "00000000-0000-0000-0000-0000000000000", "g0000000-0000-0000-0000-000000000000"));
        }
        if ("date-time".equals(schema.path("format").asText())) {
            values.addAll(List.of("2026-13-45T25:61:61Z", "yesterday", "2026-01-01", "9999-12-31T23:59:59Z",
                    "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "2026-01-01T00:00:00+99:00",
                    "0000-01-01T00:00:00Z", "1970-01-01T00:00:00.0000000001Z"));
        }
        for (JsonNode option : schema.path("enum")) {
            if (option.isTextual()) {
                values.add(option.asText().toUpperCase(java.util.Locale.ROOT));
                values.add(option.asText() + " ");
                values.add(option.asText() + "," + option.asText());
            }
        }
        if (schema.has("maxLength")) {
            values.add("m".repeat(schema.path("maxLength").asInt() + 1));
        }
        for (int i = 0; i < 3; i++) {
            values.add(randomText(1 + random.nextInt(40)));
        }
        return List.copyOf(values);
    }

    /**
     * JSON values that a member with this schema must not take, or that probe its limits: every JSON
     * type it does not allow, and for the types it allows their edges.
     */
    List<JsonNode> json(JsonNode schema) {
        Set<String> types = types(schema);
        List<JsonNode> values = new ArrayList<>();
        if (!types.contains("string")) {
            values.addAll(List.of(TextNode.valueOf("abc"), TextNode.valueOf("")));
        }
        if (!types.contains("integer") && !types.contains("number")) {
            values.addAll(List.of(IntNode.valueOf(12345), DoubleNode.valueOf(-1.5)));
        }
        if (!types.contains("boolean")) {
            values.add(BooleanNode.TRUE);
        }
        if (!types.contains("array")) {
            values.add(NODES.arrayNode().add(1).add("x"));
        }
        if (!types.contains("object")) {
            values.add(NODES.objectNode().put("unexpected_member", 1));
        }
        if (!types.contains("null")) {
            values.add(NullNode.instance);
        }
        if (types.contains("string")) {
            for (String text : List.of("", " ", "\u0000", "ünïcødé 😀 \u202e", "' OR '1'='1' --",
                    "../../../../etc/passwd", "${jndi:ldap://127.0.0.1/x}", "x".repeat(70_000),
                    randomText(30))) {
                values.add(TextNode.valueOf(text));
            }
            if (schema.has("maxLength")) {
                values.add(TextNode.valueOf("m".repeat(schema.path("maxLength").asInt() + 1)));
            }
        }
        if (types.contains("integer") || types.contains("number")) {
            bounds(schema).forEach(bound -> values.add(BigIntegerNode.valueOf(bound)));
            values.addAll(List.of(IntNode.valueOf(-1), LongNode.valueOf(Long.MAX_VALUE),
                    BigIntegerNode.valueOf(new BigInteger("9".repeat(40))), DecimalNode.valueOf(new BigDecimal("1e400")),
                    DoubleNode.valueOf(1.5), TextNode.valueOf("1")));
        }
        if (types.contains("array")) {
            ArrayNode many = NODES.arrayNode();
            for (int i = 0; i < 10_000; i++) {
                many.add("v" + i);
            }
            values.addAll(List.of(NODES.arrayNode().addNull(), NODES.arrayNode().add(NODES.arrayNode()),
                    NODES.arrayNode().add(NODES.objectNode()), NODES.arrayNode().add(7), NODES.arrayNode().add(" "),
                    many));
        }
        return values;
    }

    /** The JSON types a schema allows; empty when it does not say (any, or anyOf/oneOf). */
    static Set<String> types(JsonNode schema) {
        Set<String> types = new LinkedHashSet<>();
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            types.add(type.asText());
        }
        type.forEach(t -> types.add(t.asText()));
        return types;
    }

    /** One past each bound the schema gives, and the edges of int and long. */
    private static List<BigInteger> bounds(JsonNode schema) {
        List<BigInteger> bounds = new ArrayList<>(List.of(BigInteger.valueOf(Integer.MAX_VALUE).add(BigInteger.ONE),
                BigInteger.valueOf(Integer.MIN_VALUE).subtract(BigInteger.ONE), BigInteger.valueOf(Long.MIN_VALUE)));
        if (schema.has("minimum")) {
            bounds.add(schema.path("minimum").bigIntegerValue().subtract(BigInteger.ONE));
        }
        if (schema.has("maximum")) {
            bounds.add(schema.path("maximum").bigIntegerValue().add(BigInteger.ONE));
        }
        return bounds;
    }

    /** Random code points from ASCII, Latin-1, other planes and the emoji block, controls included. */
    String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int codePoint = switch (random.nextInt(5)) {
                case 0 -> random.nextInt(0x20);
                case 1 -> 0x20 + random.nextInt(0x5f);
                case 2 -> 0xa0 + random.nextInt(0x700);
                case 3 -> 0x4e00 + random.nextInt(0x5000);
                default -> 0x1f600 + random.nextInt(0x50);
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }
}
