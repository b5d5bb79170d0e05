package dev.drift.service.ingest;

import dev.drift.service.model.FieldObservation;
import dev.drift.service.model.FieldValue;
import dev.drift.service.model.Observed;
import java.util.Map;
import java.util.stream.Collectors;

/** What mapper tests assert on: a mapping's observations by canonical field path. */
final class Mappings {
    private Mappings() {
    }

    static Map<String, Observed> byPath(EventMapper.Mapping mapping) {
        return mapping.observations().stream()
                .collect(Collectors.toMap(o -> o.path().toString(), FieldObservation::observed));
    }

    static Observed value(FieldValue value) {
        return new Observed.Value(value);
    }
}
