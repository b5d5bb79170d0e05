package dev.drift.service.diff;

import dev.drift.service.model.FieldValue;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A case-insensitive table from the many words sources use to the one canonical word. Shared by
 * the normalizers of enumerated values (power state, service state, booleans) so that each of
 * them is only its table and its reason for existing.
 */
final class SynonymTable {
    private final String kind;
    private final Map<String, Object> canonicalBySynonym;

    private SynonymTable(String kind, Map<String, Object> canonicalBySynonym) {
        this.kind = kind;
        this.canonicalBySynonym = Map.copyOf(canonicalBySynonym);
    }

    static Builder of(String kind) {
        return new Builder(kind);
    }

    Normalized lookup(FieldValue value) {
        return Scalars.text(value)
                .map(text -> lookup(text, value))
                .orElseGet(() -> Normalized.failed(Scalars.notScalar(value)));
    }

    private Normalized lookup(String text, FieldValue value) {
        Object canonical = canonicalBySynonym.get(text.toLowerCase(Locale.ROOT));
        if (canonical == null) {
            return Normalized.failed(Scalars.describe(value) + " is not a recognised " + kind);
        }
        return Normalized.exact(canonical);
    }

    static final class Builder {
        private final String kind;
        private final Map<String, Object> map = new LinkedHashMap<>();

        private Builder(String kind) {
            this.kind = kind;
        }

        Builder map(Object canonical, String... synonyms) {
            for (String synonym : synonyms) {
                map.put(synonym.toLowerCase(Locale.ROOT), canonical);
            }
            return this;
        }

        SynonymTable build() {
            return new SynonymTable(kind, map);
        }
    }
}
