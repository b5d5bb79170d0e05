package dev.drift.service.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The intent for one CI: every monitored field with its desired value. A field not listed here is
 * not monitored.
 *
 * @param ci      the configuration item
 * @param ciType  its type ({@code vm}, {@code device}, ...)
 * @param fields  monitored fields and their desired values
 * @param ignore  field patterns this CI asks the diff to ignore (on top of the global ones)
 */
public record DesiredState(CiKey ci, String ciType, Map<FieldPath, DesiredField> fields, List<FieldPattern> ignore) {
    public DesiredState {
        Objects.requireNonNull(ci, "ci");
        Objects.requireNonNull(ciType, "ciType");
        fields = Map.copyOf(fields);
        ignore = List.copyOf(ignore);
    }
}
