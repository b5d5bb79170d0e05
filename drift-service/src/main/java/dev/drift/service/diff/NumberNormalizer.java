package dev.drift.service.diff;

import dev.drift.service.model.FieldValue;

/**
 * Unitless numbers such as {@code vcpus} or {@code *count}. Exists because sources disagree on the
 * JSON type: NetBox sends {@code 4}, a shell fact {@code "4"}, a float-minded API {@code 4.0}.
 * All three are the same count. Text that is not a number fails rather than comparing as text.
 */
final class NumberNormalizer implements FieldNormalizer {

    @Override
    public String kind() {
        return "number";
    }

    @Override
    public Normalized normalize(FieldValue value) {
        return switch (value) {
            case FieldValue.Number n -> Normalized.exact(Scalars.canonical(n.value()));
            case FieldValue.Text t -> Scalars.decimal(t.value())
                    .map(d -> Normalized.exact(Scalars.canonical(d)))
                    .orElseGet(() -> Normalized.failed(Scalars.describe(value) + " is not a number"));
            case FieldValue.Items i -> Normalized.failed(Scalars.notScalar(value));
            case FieldValue.Absent a -> Normalized.absent();
        };
    }
}
