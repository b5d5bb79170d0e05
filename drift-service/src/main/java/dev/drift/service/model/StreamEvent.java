package dev.drift.service.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A decoded and validated stream entry: which CI it concerns, when the change was observed, and
 * what it says about the CI's fields. It carries no decision: it only says "look at this CI again".
 *
 * @param ci           the configuration item
 * @param type         the event type, which is the stream name (e.g. {@code vm.power_changed})
 * @param observedAt   when the source observed the change (the entry time when the payload has none)
 * @param observations fields the event reports, possibly none (a bare "something changed")
 * @param coverage     path prefixes the event reports completely (see {@link Coverage})
 * @param agentSeq     the drift agent's sequence number ({@code seq}), which orders its events on a
 *                     stream; null when the producer sends none (every producer but the agent)
 */
public record StreamEvent(CiKey ci, String type, Instant observedAt, List<FieldObservation> observations,
                          List<Coverage> coverage, Long agentSeq) {
    public StreamEvent {
        Objects.requireNonNull(ci, "ci");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(observedAt, "observedAt");
        observations = List.copyOf(observations);
        coverage = List.copyOf(coverage);
    }

    /** An event without an agent sequence number. */
    public StreamEvent(CiKey ci, String type, Instant observedAt, List<FieldObservation> observations,
                       List<Coverage> coverage) {
        this(ci, type, observedAt, observations, coverage, null);
    }
}
