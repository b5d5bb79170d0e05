package dev.drift.service.suppress;

import dev.drift.service.model.CiKey;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The exceptions and change windows a reconcile decides with. An exception wins over a change
 * window (it is the longer-lived decision); among several, the first (oldest) one is named.
 */
public record Suppressions(List<DriftExceptionRule> exceptions, List<ChangeWindow> changes) {
    public static final Suppressions NONE = new Suppressions(List.of(), List.of());

    public Suppressions {
        exceptions = List.copyOf(exceptions);
        changes = List.copyOf(changes);
    }

    /** What suppresses drift of {@code path} with this actual value at {@code now}; empty: nothing. */
    public Optional<Suppression> find(CiKey ci, FieldPath path, FieldValue actual, Instant now) {
        for (DriftExceptionRule e : exceptions) {
            if (e.covers(ci, path, actual, now)) {
                return Optional.of(new Suppression.Excepted(e.id()));
            }
        }
        for (ChangeWindow w : changes) {
            if (w.covers(ci, path, now)) {
                return Optional.of(new Suppression.Expected(w.changeId()));
            }
        }
        return Optional.empty();
    }
}
