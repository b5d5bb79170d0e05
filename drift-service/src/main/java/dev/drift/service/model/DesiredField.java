package dev.drift.service.model;

import java.util.Objects;

/** One desired value with where it came from. */
public record DesiredField(FieldValue value, Provenance provenance) {
    public DesiredField {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(provenance, "provenance");
    }
}
