package dev.drift.service.model;

import java.util.Objects;

/** One field as reported by one event. */
public record FieldObservation(FieldPath path, Observed observed) {
    public FieldObservation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(observed, "observed");
    }

    public static FieldObservation value(FieldPath path, FieldValue value) {
        return new FieldObservation(path, new Observed.Value(value));
    }

    public static FieldObservation unknown(FieldPath path, String reason) {
        return new FieldObservation(path, new Observed.Unknown(reason));
    }
}
