package dev.drift.service.diff;

import dev.drift.service.model.FieldValue;
import java.util.Locale;

/**
 * Wraps every selected normalizer. Exists because "absent" has one meaning on every field:
 * {@link FieldValue.Absent} and the text {@code absent} (any case, as the CMDB writes it) are the
 * same, equal to each other and to nothing else. Handling it once here keeps each normalizer about
 * its own kind of value.
 */
final class AbsentAware implements FieldNormalizer {
    private final FieldNormalizer delegate;

    AbsentAware(FieldNormalizer delegate) {
        this.delegate = delegate;
    }

    FieldNormalizer delegate() {
        return delegate;
    }

    @Override
    public String kind() {
        return delegate.kind();
    }

    @Override
    public Normalized normalize(FieldValue value) {
        return isAbsent(value) ? Normalized.absent() : delegate.normalize(value);
    }

    @Override
    public Normalized normalizeDesired(FieldValue value) {
        return isAbsent(value) ? Normalized.absent() : delegate.normalizeDesired(value);
    }

    private static boolean isAbsent(FieldValue value) {
        return value instanceof FieldValue.Absent
                || value instanceof FieldValue.Text t && t.value().strip().toLowerCase(Locale.ROOT).equals("absent");
    }
}
