package dev.drift.service.desired.netbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** NetBox 4.2-shaped JSON from {@code src/test/resources/netbox/}, and list pages made of it. */
final class NetBoxFixtures {
    static final ObjectMapper JSON = new ObjectMapper();

    private NetBoxFixtures() {
    }

    static JsonNode read(String name) {
        try (InputStream in = NetBoxFixtures.class.getResourceAsStream("/netbox/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode object(String name) {
        return (ObjectNode) read(name);
    }

    /** A list page as NetBox sends it: count, next, previous, results. */
    static String page(int count, String next, List<? extends JsonNode> results) {
        ObjectNode page = JSON.createObjectNode();
        page.put("count", count);
        page.put("next", next);
        page.putNull("previous");
        ArrayNode array = page.putArray("results");
        results.forEach(array::add);
        return page.toString();
    }

    static String page(List<? extends JsonNode> results) {
        return page(results.size(), null, results);
    }

    static String page(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return page(items);
    }

    static String empty() {
        return page(List.of());
    }
}
