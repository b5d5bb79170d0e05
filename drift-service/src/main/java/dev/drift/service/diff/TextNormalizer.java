package dev.drift.service.diff;

import dev.drift.service.model.FieldValue;

/**
 * The fallback for fields no other normalizer claims. Exists so that the only tolerance applied to
 * an unknown kind of field is the one every source needs: surrounding whitespace (a trailing
 * newline from a shell probe) is dropped. Case and inner spacing stay significant because, for a
 * field we know nothing about, they may carry meaning.
 */
final class TextNormalizer implements FieldNormalizer {

    @Override
    public String kind() {
        return "text";
    }

    @Override
    public Normalized normalize(FieldValue value) {
        return Scalars.text(value)
                .map(Normalized::exact)
                .orElseGet(() -> Normalized.failed(Scalars.notScalar(value)));
    }
}
