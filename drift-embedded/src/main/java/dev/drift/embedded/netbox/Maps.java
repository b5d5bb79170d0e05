package dev.drift.embedded.netbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Map copies that keep null values, which custom fields in NetBox routinely have. */
final class Maps {
    private Maps() {
    }

    static Map<String, Object> copyAllowingNulls(Map<String, Object> source) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(source == null ? Map.of() : source));
    }
}
