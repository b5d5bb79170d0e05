package dev.drift.service.diff;

import dev.drift.service.model.FieldValue;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lists of items. Exists because a list field is reported in whatever order the source found its
 * items (interface enumeration order, LDAP group order) and the CMDB may hold it as one string
 * ({@code "10.0.0.5, 10.0.0.6"}). Items are stripped and empty ones dropped; text is split on commas
 * and whitespace.
 *
 * <p>Whether order matters depends on the field, so there are two flavours: {@link #unordered()}
 * compares as a set (IP addresses, group members, tags), {@link #ordered()} compares position by
 * position (resolv.conf nameservers are tried in order, so a reorder is real drift).
 */
final class ListNormalizer implements FieldNormalizer {
    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");

    private final boolean ordered;

    private ListNormalizer(boolean ordered) {
        this.ordered = ordered;
    }

    static ListNormalizer ordered() {
        return new ListNormalizer(true);
    }

    static ListNormalizer unordered() {
        return new ListNormalizer(false);
    }

    @Override
    public String kind() {
        return ordered ? "ordered list" : "unordered list";
    }

    @Override
    public Normalized normalize(FieldValue value) {
        Stream<String> items = switch (value) {
            case FieldValue.Items i -> i.values().stream();
            case FieldValue.Text t -> Arrays.stream(SEPARATORS.split(t.value()));
            case FieldValue.Number n -> Stream.of(n.display());
            case FieldValue.Absent a -> null;
        };
        if (items == null) {
            return Normalized.absent();
        }
        return Normalized.exact(canonical(items.map(String::strip).filter(s -> !s.isEmpty())));
    }

    private List<String> canonical(Stream<String> items) {
        return ordered ? items.toList() : items.distinct().sorted().toList();
    }
}
