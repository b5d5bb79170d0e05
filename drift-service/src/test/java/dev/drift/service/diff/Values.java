package dev.drift.service.diff;

import dev.drift.service.model.FieldValue;
import java.math.BigDecimal;
import java.util.List;

/** Short constructors of raw values and expected canonical forms for normalizer tests. */
final class Values {

    private Values() {
    }

    static FieldValue text(String value) {
        return new FieldValue.Text(value);
    }

    static FieldValue number(String value) {
        return new FieldValue.Number(new BigDecimal(value));
    }

    static FieldValue items(String... values) {
        return new FieldValue.Items(List.of(values));
    }

    static FieldValue absent() {
        return FieldValue.Absent.INSTANCE;
    }

    static Normalized exact(Object form) {
        return Normalized.exact(form);
    }

    static Normalized decimal(String value) {
        return Normalized.exact(new BigDecimal(value).stripTrailingZeros());
    }
}
