package dev.drift.service.diff;

import dev.drift.service.model.ActualReading;
import dev.drift.service.model.DesiredField;
import dev.drift.service.model.FieldPath;

/** The verdict on one monitored field. */
public sealed interface FieldDiff {

    FieldPath path();

    /** Desired and actual agree after normalization. */
    record InSync(FieldPath path, DesiredField desired, ActualReading.Known actual) implements FieldDiff {
    }

    /** Desired and actual differ after normalization. */
    record Drifted(FieldPath path, DesiredField desired, ActualReading.Known actual) implements FieldDiff {
    }

    /**
     * No verdict: the actual value is not known, or a value could not be normalized. Never to be
     * read as "in sync".
     */
    record Unknown(FieldPath path, DesiredField desired, String reason) implements FieldDiff {
    }

    /** An ignore rule matched; the field is neither compared nor reported as drift. */
    record Ignored(FieldPath path, String rule) implements FieldDiff {
    }
}
