package dev.drift.service.compliance;

import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one parsed pack document (the format is described on {@link PackLoader}). Strict: unknown
 * keys, wrong types, bad field paths and rules are problems, each naming the file and the item, and
 * every problem of the file is reported at once. A file with any problem yields no pack: a pack
 * checked with some of its items left out would look more compliant than it is.
 */
final class PackParser {
    private static final List<String> PACK_KEYS = List.of("name", "version", "description", "items");
    private static final List<String> RULE_KEYS =
            List.of("equals", "one_of", "present", "absent", "min_version", "matches", "at_most", "at_least");
    private static final List<String> ITEM_KEYS = concat(List.of("id", "title", "field"), RULE_KEYS);

    private final String file;
    private final List<String> problems = new ArrayList<>();

    /** A pack, or why the file does not give one. */
    sealed interface Parsed {
        record Loaded(Pack pack) implements Parsed {
        }

        record Rejected(List<String> problems) implements Parsed {
            public Rejected {
                problems = List.copyOf(problems);
            }
        }
    }

    private PackParser(String file) {
        this.file = file;
    }

    static Parsed parse(String file, Object document) {
        return new PackParser(file).read(document);
    }

    private Parsed read(Object document) {
        if (!(document instanceof Map<?, ?> root)) {
            problem("", "expected a mapping with " + PACK_KEYS + " at the top level");
            return new Parsed.Rejected(problems);
        }
        unknownKeys(root, PACK_KEYS, "");
        Optional<String> name = requiredText(root, "name", "");
        Optional<String> version = requiredText(root, "version", "");
        String description = root.get("description") == null ? "" : text(root, "description", "").orElse("");
        List<PackItem> items = items(root.get("items"));
        if (!problems.isEmpty()) {
            return new Parsed.Rejected(problems);
        }
        try {
            return new Parsed.Loaded(new Pack(name.orElseThrow(), version.orElseThrow(), description, items));
        } catch (IllegalArgumentException invalid) {
            problem("", invalid.getMessage());
            return new Parsed.Rejected(problems);
        }
    }

    private List<PackItem> items(Object node) {
        if (!(node instanceof List<?> list) || list.isEmpty()) {
            problem("", "'items' must be a non-empty list of items");
            return List.of();
        }
        List<PackItem> items = new ArrayList<>();
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            int position = i + 1;
            item(position, list.get(i)).ifPresent(item -> {
                Integer first = positions.putIfAbsent(item.id(), position);
                if (first != null) {
                    problem(where(item.id()), "duplicate id, item #" + first + " has it too");
                }
                items.add(item);
            });
        }
        return items;
    }

    private Optional<PackItem> item(int position, Object node) {
        if (!(node instanceof Map<?, ?> map)) {
            problem("item #" + position + ": ", "expected a mapping with id, field and one rule");
            return Optional.empty();
        }
        int before = problems.size();
        Optional<String> id = requiredText(map, "id", "item #" + position + ": ");
        String where = id.map(PackParser::where).orElse("item #" + position + ": ");
        unknownKeys(map, ITEM_KEYS, where);
        Optional<String> title = map.get("title") == null ? id : text(map, "title", where);
        Optional<FieldPath> field = requiredText(map, "field", where).flatMap(text -> fieldPath(text, where));
        Optional<Rule> rule = rule(map, where);
        if (problems.size() > before) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PackItem(id.orElseThrow(), title.orElseThrow(), field.orElseThrow(), rule.orElseThrow()));
        } catch (IllegalArgumentException invalid) {
            problem(where, invalid.getMessage());
            return Optional.empty();
        }
    }

    private Optional<FieldPath> fieldPath(String text, String where) {
        try {
            return Optional.of(FieldPath.parse(text));
        } catch (IllegalArgumentException malformed) {
            problem(where, "field: " + malformed.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Rule> rule(Map<?, ?> item, String where) {
        List<String> given = RULE_KEYS.stream().filter(item::containsKey).toList();
        if (given.size() != 1) {
            problem(where, given.isEmpty() ? "needs a rule, one of " + RULE_KEYS
                    : "has more than one rule " + given + "; give each its own item");
            return Optional.empty();
        }
        String key = given.getFirst();
        try {
            return Optional.of(rule(key, item.get(key)));
        } catch (PatternSyntaxException badRegex) {
            problem(where, key + ": not a valid regular expression: " + badRegex.getDescription()
                    + " near index " + badRegex.getIndex() + " of '" + badRegex.getPattern() + "'");
        } catch (IllegalArgumentException invalid) {
            problem(where, key + ": " + invalid.getMessage());
        }
        return Optional.empty();
    }

    private static Rule rule(String key, Object raw) {
        return switch (key) {
            case "equals" -> new Rule.Equals(value(raw, true));
            case "one_of" -> new Rule.OneOf(values(raw));
            case "present" -> flag(raw, new Rule.Present(), "use 'absent: true' to require absence");
            case "absent" -> flag(raw, new Rule.Absent(), "use 'present: true' to require existence");
            case "min_version" -> new Rule.MinVersion(scalar(raw));
            case "matches" -> new Rule.Matches(Pattern.compile(scalar(raw)));
            case "at_most" -> new Rule.AtMost(decimal(raw));
            case "at_least" -> new Rule.AtLeast(decimal(raw));
            default -> throw new IllegalStateException("rule key without a reader: " + key);
        };
    }

    /** A field value: text, {@code true}/{@code false} as text, null for absent, and (where allowed) a list. */
    private static FieldValue value(Object raw, boolean listAllowed) {
        return switch (raw) {
            case null -> FieldValue.Absent.INSTANCE;
            case String s -> new FieldValue.Text(s);
            case Boolean b -> new FieldValue.Text(b.toString());
            case Number n -> new FieldValue.Text(n.toString());
            case List<?> list when listAllowed -> new FieldValue.Items(list.stream().map(PackParser::listItem).toList());
            default -> throw new IllegalArgumentException("must be a single value or null (absent)"
                    + (listAllowed ? " or a list of values" : "") + ", not " + describe(raw));
        };
    }

    private static String listItem(Object raw) {
        if (raw instanceof String || raw instanceof Boolean || raw instanceof Number) {
            return raw.toString();
        }
        throw new IllegalArgumentException("list items must be single values, not " + describe(raw));
    }

    private static List<FieldValue> values(Object raw) {
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("must be a non-empty list of values, not " + describe(raw));
        }
        return list.stream().map(v -> value(v, false)).toList();
    }

    private static Rule flag(Object raw, Rule rule, String instead) {
        if (Boolean.TRUE.equals(raw)) {
            return rule;
        }
        if (Boolean.FALSE.equals(raw)) {
            throw new IllegalArgumentException("false checks nothing; " + instead);
        }
        throw new IllegalArgumentException("must be true, not " + describe(raw));
    }

    private static String scalar(Object raw) {
        if (!(raw instanceof String || raw instanceof Number) || raw.toString().isBlank()) {
            throw new IllegalArgumentException("must be non-blank text, not " + describe(raw));
        }
        return raw.toString().strip();
    }

    private static BigDecimal decimal(Object raw) {
        String text = scalar(raw);
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("must be a number, not '" + text + "'");
        }
    }

    private Optional<String> requiredText(Map<?, ?> map, String key, String where) {
        if (map.get(key) == null) {
            problem(where, "missing '" + key + "'");
            return Optional.empty();
        }
        return text(map, key, where);
    }

    private Optional<String> text(Map<?, ?> map, String key, String where) {
        try {
            return Optional.of(scalar(map.get(key)));
        } catch (IllegalArgumentException invalid) {
            problem(where, "'" + key + "' " + invalid.getMessage());
            return Optional.empty();
        }
    }

    private void unknownKeys(Map<?, ?> map, List<String> known, String where) {
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                problem(where, "unknown key '" + key + "', expected one of " + known);
            }
        }
    }

    private void problem(String where, String message) {
        problems.add(file + ": " + where + message);
    }

    private static String where(String itemId) {
        return "item '" + itemId + "': ";
    }

    private static String describe(Object raw) {
        return switch (raw) {
            case null -> "nothing";
            case Map<?, ?> map -> "a mapping";
            case List<?> list -> "a list";
            case Boolean b -> b.toString();
            default -> "'" + raw + "'";
        };
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
