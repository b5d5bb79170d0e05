package dev.drift.service.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Strict reading of one JSON object: unknown members and wrong types are {@link InvalidInput}
 * naming the member by its dotted path ({@code match.fields[2]}). A member given as JSON {@code null}
 * counts as absent.
 */
public final class JsonMembers {
    private final ObjectNode node;
    private final String prefix;

    private JsonMembers(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** The object at {@code member} ("" for the whole body) allowing only the given member names. */
    public static JsonMembers of(JsonNode node, String member, Set<String> allowed) {
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidInput(member.isEmpty() ? "body" : member, "must be a JSON object");
        }
        JsonMembers members = new JsonMembers(object, member.isEmpty() ? "" : member + ".");
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidInput(members.path(name), "unknown member");
            }
        }
        return members;
    }

    public String path(String name) {
        return prefix + name;
    }

    public Optional<JsonNode> get(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    public Optional<String> text(String name) {
        return get(name).map(v -> {
            if (!v.isTextual()) {
                throw new InvalidInput(path(name), "must be a string");
            }
            return printable(path(name), v.asText());
        });
    }

    public String requiredText(String name) {
        return text(name).orElseThrow(() -> new InvalidInput(path(name), "is required"));
    }

    public boolean bool(String name, boolean absent) {
        return get(name).map(v -> {
            if (!v.isBoolean()) {
                throw new InvalidInput(path(name), "must be true or false");
            }
            return v.asBoolean();
        }).orElse(absent);
    }

    public int integer(String name, int absent, int min, int max) {
        return get(name).map(v -> {
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
                throw new InvalidInput(path(name), "must be an integer from " + min + " to " + max);
            }
            return v.asInt();
        }).orElse(absent);
    }

    /** PostgreSQL cannot store NUL, and no name, tag, channel or path needs a control character. */
    private static String printable(String member, String text) {
        if (text.chars().anyMatch(Character::isISOControl)
                || text.chars().anyMatch(c -> Character.isSurrogate((char) c)) && !wellFormed(text)) {
            throw new InvalidInput(member, "must not contain control characters or broken Unicode");
        }
        return text;
    }

    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A wire enum: {@code parser} throws {@link IllegalArgumentException} naming the allowed values. */
    public <E> Optional<E> enumerated(String name, Function<String, E> parser) {
        return text(name).map(v -> {
            try {
                return parser.apply(v);
            } catch (IllegalArgumentException e) {
                throw new InvalidInput(path(name), e.getMessage());
            }
        });
    }

    /** A list of strings, each parsed; absent is empty. */
    public <T> List<T> list(String name, Function<String, T> parser) {
        Optional<JsonNode> value = get(name);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!value.get().isArray()) {
            throw new InvalidInput(path(name), "must be a list of strings");
        }
        List<T> items = new ArrayList<>();
        for (int i = 0; i < value.get().size(); i++) {
            JsonNode item = value.get().get(i);
            String member = path(name) + "[" + i + "]";
            if (!item.isTextual()) {
                throw new InvalidInput(member, "must be a string");
            }
            try {
                items.add(parser.apply(printable(member, item.asText())));
            } catch (IllegalArgumentException e) {
                throw new InvalidInput(member, e.getMessage());
            }
        }
        return items;
    }
}
