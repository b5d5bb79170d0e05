package dev.drift.service.compliance;

import dev.drift.service.model.FieldValue;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the value of a {@link PackItem}'s field must satisfy. Comparisons normalize values the way
 * drift's diff does ({@code No } equals {@code no} for a setting, {@code active} is {@code running}
 * for a service state), and a value that cannot be read is never taken as compliant.
 */
public sealed interface Rule {

    /** What the rule expects, for operators ("no", "one of 0600, 0644", "at most 4"). */
    String expectation();

    /** The value equals {@code expected} after drift's normalization; {@link FieldValue.Absent} means "must not exist". */
    record Equals(FieldValue expected) implements Rule {
        public Equals {
            Objects.requireNonNull(expected, "expected");
        }

        @Override
        public String expectation() {
            return expected.display();
        }
    }

    /** The value equals one of {@code allowed} after normalization. */
    record OneOf(List<FieldValue> allowed) implements Rule {
        public OneOf {
            allowed = List.copyOf(allowed);
            if (allowed.isEmpty()) {
                throw new IllegalArgumentException("one_of needs at least one value");
            }
        }

        @Override
        public String expectation() {
            return "one of " + allowed.stream().map(FieldValue::display).collect(Collectors.joining(", "));
        }
    }

    /** The thing exists: any value but absent (a package installed at any version). */
    record Present() implements Rule {
        @Override
        public String expectation() {
            return "present";
        }
    }

    /** The thing does not exist (a package not installed, a user not defined, a setting not set). */
    record Absent() implements Rule {
        @Override
        public String expectation() {
            return "absent";
        }
    }

    /**
     * Installed, at this version or newer, by dpkg's ordering (epoch, {@code ~} before anything,
     * missing epoch is {@code 0}). With several versions installed side by side, every one must be.
     */
    record MinVersion(String version) implements Rule {
        public MinVersion {
            Objects.requireNonNull(version, "version");
            DebianVersion.parse(version);
        }

        @Override
        public String expectation() {
            return ">= " + version;
        }
    }

    /**
     * The whole value (stripped of surrounding whitespace) matches {@code regex}; every item of a
     * list must. Absent matches nothing.
     */
    record Matches(Pattern regex) implements Rule {
        public Matches {
            Objects.requireNonNull(regex, "regex");
        }

        @Override
        public String expectation() {
            return "matches " + regex.pattern();
        }

        /** Patterns compare by their text and flags, so equal packs are equal. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Matches other && other.regex.pattern().equals(regex.pattern())
                    && other.regex.flags() == regex.flags();
        }

        @Override
        public int hashCode() {
            return Objects.hash(regex.pattern(), regex.flags());
        }
    }

    /** A number no greater than {@code limit}; absent fails. */
    record AtMost(BigDecimal limit) implements Rule {
        public AtMost {
            Objects.requireNonNull(limit, "limit");
        }

        @Override
        public String expectation() {
            return "at most " + limit.stripTrailingZeros().toPlainString();
        }
    }

    /** A number no smaller than {@code limit}; absent fails. */
    record AtLeast(BigDecimal limit) implements Rule {
        public AtLeast {
            Objects.requireNonNull(limit, "limit");
        }

        @Override
        public String expectation() {
            return "at least " + limit.stripTrailingZeros().toPlainString();
        }
    }
}
