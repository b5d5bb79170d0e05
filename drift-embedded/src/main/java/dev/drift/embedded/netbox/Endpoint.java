package dev.drift.embedded.netbox;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One NetBox list endpoint and its detail endpoint: where it lives, how it orders and filters, and how
 * it renders an object. Filters combine as in NetBox: values of one parameter are ORed, different
 * parameters ANDed; parameters it does not know are ignored.
 *
 * @param path         the path under /api/, e.g. "virtualization/virtual-machines/"
 * @param model        the model name in 404 messages, e.g. "VirtualMachine"
 * @param objects      the stored objects
 * @param order        NetBox's default ordering
 * @param fields       exact-match filters: parameter name to the object's values
 * @param customFields the object's custom fields, for {@code cf_<name>} filters
 * @param render       renders one object
 */
record Endpoint<T>(String path, String model, FakeObjects<T> objects, Comparator<Stored<T>> order,
                   Map<String, Function<T, List<String>>> fields, Function<T, Map<String, Object>> customFields,
                   BiFunction<ComponentJson, Stored<T>, Map<String, Object>> render) {

    List<Map<String, Object>> list(Query query, ComponentJson json) {
        Predicate<Stored<T>> filter = filter(query);
        return objects.all().stream().filter(filter).sorted(order).map(s -> render.apply(json, s)).toList();
    }

    Optional<Map<String, Object>> detail(int id, ComponentJson json) {
        return objects.find(id).map(s -> render.apply(json, s));
    }

    private Predicate<Stored<T>> filter(Query query) {
        Predicate<Stored<T>> all = s -> true;
        for (String name : query.names()) {
            List<String> wanted = query.values(name);
            all = all.and(parameter(name, wanted));
        }
        return all;
    }

    private Predicate<Stored<T>> parameter(String name, List<String> wanted) {
        return switch (name) {
            case "id" -> {
                List<Integer> ids = wanted.stream().map(v -> integer(name, v)).toList();
                yield s -> ids.contains(s.id());
            }
            case "id__gt" -> s -> wanted.stream().allMatch(v -> s.id() > integer(name, v));
            case "id__gte" -> s -> wanted.stream().allMatch(v -> s.id() >= integer(name, v));
            case "last_updated__gte" -> {
                List<Instant> times = wanted.stream().map(v -> instant(name, v)).toList();
                yield s -> times.stream().allMatch(t -> !s.lastUpdated().isBefore(t));
            }
            case "last_updated__lte" -> {
                List<Instant> times = wanted.stream().map(v -> instant(name, v)).toList();
                yield s -> times.stream().allMatch(t -> !s.lastUpdated().isAfter(t));
            }
            default -> fieldOrCustomField(name, wanted);
        };
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidFilter(name, "Enter a number.");
        }
    }

    private Predicate<Stored<T>> fieldOrCustomField(String name, List<String> wanted) {
        if (fields.containsKey(name)) {
            Function<T, List<String>> values = fields.get(name);
            return s -> values.apply(s.spec()).stream().anyMatch(wanted::contains);
        }
        if (name.startsWith("cf_")) {
            String field = name.substring(3);
            return s -> {
                Map<String, Object> cf = customFields.apply(s.spec());
                return cf.containsKey(field) && wanted.stream().anyMatch(v -> sameValue(cf.get(field), v));
            };
        }
        return s -> true;
    }

    private static boolean sameValue(Object actual, String wanted) {
        if (actual instanceof Boolean b) {
            return b.toString().equalsIgnoreCase(wanted);
        }
        return Objects.toString(actual, "null").equals(wanted);
    }

    /**
     * Parses a datetime the way NetBox's filters accept it: with offset or Z, or without (read as UTC), with a
     * space or a T between date and time. A '+' in an unencoded query string arrives as a space.
     */
    static Instant instant(String name, String value) {
        String text = value.trim().replace(' ', 'T');
        int lastT = text.lastIndexOf('T');
        if (lastT > text.indexOf('T')) {
            text = text.substring(0, lastT) + "+" + text.substring(lastT + 1);
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                throw new InvalidFilter(name, "Enter a valid date/time.");
            }
        }
    }
}
