package dev.drift.service.diff;

import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldPattern;
import java.util.Objects;

/** Which fields a normalizer rule applies to. */
sealed interface PathSelector {

    boolean selects(FieldPath path);

    /** The first segment's name: {@code power_state}, {@code sysctl}. */
    record RootName(String name) implements PathSelector {
        public RootName {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public boolean selects(FieldPath path) {
            return path.root().name().equals(name);
        }
    }

    /** The last segment's name: {@code sha256}, {@code enabled}. */
    record LeafName(String name) implements PathSelector {
        public LeafName {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public boolean selects(FieldPath path) {
            return path.leaf().name().equals(name);
        }
    }

    /** The end of the last segment's name: {@code _mb}, {@code count}. */
    record LeafSuffix(String suffix) implements PathSelector {
        public LeafSuffix {
            Objects.requireNonNull(suffix, "suffix");
        }

        @Override
        public boolean selects(FieldPath path) {
            return path.leaf().name().endsWith(suffix);
        }
    }

    /** A glob over the canonical path: {@code package[*].version}. */
    record Glob(FieldPattern pattern) implements PathSelector {
        public Glob {
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public boolean selects(FieldPath path) {
            return pattern.matches(path);
        }
    }
}
