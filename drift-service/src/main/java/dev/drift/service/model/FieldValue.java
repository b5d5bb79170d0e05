package dev.drift.service.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A value of a field, desired or observed. Values are raw: normalization (units, case, order)
 * belongs to the diff, which never changes them.
 */
public sealed interface FieldValue {

    /** Human-readable form used in the API, events and messages. */
    String display();

    /** A textual value, exactly as reported. */
    record Text(String value) implements FieldValue {
        public Text {
            Objects.requireNonNull(value, "text");
        }

        @Override
        public String display() {
            return value;
        }
    }

    /** A numeric value without a unit. */
    record Number(BigDecimal value) implements FieldValue {
        public Number {
            Objects.requireNonNull(value, "number");
        }

        public static Number of(long value) {
            return new Number(BigDecimal.valueOf(value));
        }

        @Override
        public String display() {
            return value.stripTrailingZeros().toPlainString();
        }
    }

    /** A list of textual items; whether their order matters is for the diff to decide. */
    record Items(List<String> values) implements FieldValue {
        public Items {
            values = List.copyOf(values);
        }

        @Override
        public String display() {
            return String.join(", ", values);
        }
    }

    /** The thing is known not to exist (a package not installed, a setting not present). */
    record Absent() implements FieldValue {
        public static final Absent INSTANCE = new Absent();

        @Override
        public String display() {
            return "absent";
        }
    }

    static FieldValue text(String value) {
        return new Text(value);
    }

    static FieldValue absent() {
        return Absent.INSTANCE;
    }
}
