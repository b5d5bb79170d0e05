package dev.drift.agent.parse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings parsed from one file, in file order: each key has one value, or a list when the key
 * is repeated or is a list by nature (resolv.conf's {@code nameserver}, sudoers rules). Keys are
 * field-path keys on the service side, so square brackets in them are replaced by parentheses.
 */
public final class Settings {
    private final Map<String, List<String>> values;
    private final Set<String> lists;

    private Settings(Map<String, List<String>> values, Set<String> lists) {
        this.values = values;
        this.lists = lists;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The values of a key: empty when absent, one element for a single value. */
    public List<String> get(String key) {
        return values.getOrDefault(key, List.of());
    }

    public Set<String> keys() {
        return values.keySet();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The schema's form: {@code {"key": "value", "repeated": ["a", "b"]}}. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        values.forEach((key, list) -> {
            if (list.size() == 1 && !lists.contains(key)) {
                node.put(key, list.get(0));
            } else {
                ArrayNode array = node.putArray(key);
                list.forEach(array::add);
            }
        });
        return node;
    }

    @Override
    public String toString() {
        return toJson().toString();
    }

    /** Collects settings in file order. */
    public static final class Builder {
        private final Map<String, List<String>> values = new LinkedHashMap<>();
        private final Set<String> lists = new HashSet<>();

        private Builder() {
        }

        /** Adds a value; a second value for the same key makes it a list. Blank keys are skipped. */
        public Builder add(String key, String value) {
            String clean = cleanKey(key);
            if (!clean.isEmpty()) {
                values.computeIfAbsent(clean, k -> new ArrayList<>()).add(value);
            }
            return this;
        }

        /** Adds a value to a key that is always a list, even with one value. */
        public Builder addToList(String key, String value) {
            add(key, value);
            lists.add(cleanKey(key));
            return this;
        }

        public Settings build() {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return new Settings(copy, Set.copyOf(lists));
        }

        private static String cleanKey(String key) {
            return key.strip().replace('[', '(').replace(']', ')');
        }
    }
}
