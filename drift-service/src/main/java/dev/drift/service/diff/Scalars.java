package dev.drift.service.diff;

import dev.drift.service.model.FieldValue;
import java.math.BigDecimal;
import java.util.Optional;

/** Reading helpers shared by normalizers of single (non-list) values. */
final class Scalars {

    private Scalars() {
    }

    /**
     * The text of a single value, stripped: text as is, a number in plain notation. Empty for a
     * list or absent, which a scalar normalizer cannot interpret.
     */
    static Optional<String> text(FieldValue value) {
        return switch (value) {
            case FieldValue.Text t -> Optional.of(t.value().strip());
            case FieldValue.Number n -> Optional.of(n.display());
            case FieldValue.Items i -> Optional.empty();
            case FieldValue.Absent a -> Optional.empty();
        };
    }

    /** A decimal parsed from text; empty when the text is not a plain finite number. */
    static Optional<BigDecimal> decimal(String text) {
        try {
            return Optional.of(new BigDecimal(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A number in the one form {@code equals} agrees on: 4, 4.0 and 4.00 all become 4. */
    static BigDecimal canonical(BigDecimal value) {
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    static String notScalar(FieldValue value) {
        return "expected a single value, got " + describe(value);
    }

    static String describe(FieldValue value) {
        return switch (value) {
            case FieldValue.Text t -> "text '" + t.value() + "'";
            case FieldValue.Number n -> "number " + n.display();
            case FieldValue.Items i -> "list [" + i.display() + "]";
            case FieldValue.Absent a -> "absent";
        };
    }
}
