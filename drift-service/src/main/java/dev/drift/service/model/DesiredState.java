package dev.drift.service.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The intent for one CI: every monitored field with its desired value. A field not listed here is
 * not monitored.
 *
 * @param ci      the configuration item
 * @param ciType  its type ({@code vm}, {@code device}, ...)
 * @param fields  monitored fields and their desired values
 * @param ignore  field patterns this CI asks the diff to ignore (on top of the global ones)
 * @param tags    the CI's tags (NetBox tag slugs, or {@code tags} of its desired-state file); policies
 *                match on them
 * @param packs   the compliance packs assigned to the CI, by name
 */
public record DesiredState(CiKey ci, String ciType, Map<FieldPath, DesiredField> fields, List<FieldPattern> ignore,
                           Set<String> tags, List<String> packs) {
    public DesiredState {
        Objects.requireNonNull(ci, "ci");
        Objects.requireNonNull(ciType, "ciType");
        fields = Map.copyOf(fields);
        ignore = List.copyOf(ignore);
        tags = Set.copyOf(tags);
        packs = List.copyOf(new LinkedHashSet<>(packs));
    }

    /** Intent without tags or packs. */
    public DesiredState(CiKey ci, String ciType, Map<FieldPath, DesiredField> fields, List<FieldPattern> ignore) {
        this(ci, ciType, fields, ignore, Set.of(), List.of());
    }
}
