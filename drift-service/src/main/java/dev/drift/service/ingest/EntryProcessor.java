package dev.drift.service.ingest;

import dev.drift.service.model.CiKey;
import dev.drift.service.reconcile.WorkQueue;
import dev.drift.service.system.Database;
import dev.drift.service.system.DriftException;
import dev.drift.service.system.DriftMetrics;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a batch of raw entries into committed effects and says which entries may be acknowledged.
 *
 * <p>Contract: an entry is acknowledgeable only once its effect is durable: its observations and
 * reconcile request committed, or its dead letter appended. When the batch's transaction fails, the
 * entries are tried one by one, so one bad entry cannot hold back the others: an entry failing
 * with a terminal error is dead-lettered; one failing with a retryable error stays unacknowledged and
 * comes back through the pending-entry claim, which counts its deliveries. When PostgreSQL cannot be
 * reached the entries are not tried one by one, and are reported as {@link Outcome#awaitingDatabase()}:
 * an outage says nothing about them, so it must not make them poison.
 */
@Singleton
final class EntryProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(EntryProcessor.class);

    private final EventDecoder decoder;
    private final IngestWriter writer;
    private final DeadLetters deadLetters;
    private final WorkQueue queue;
    private final DriftMetrics metrics;

    EntryProcessor(EventDecoder decoder, IngestWriter writer, DeadLetters deadLetters, WorkQueue queue,
                   DriftMetrics metrics) {
        this.decoder = decoder;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.queue = queue;
        this.metrics = metrics;
    }

    /**
     * What became of a batch: the entries that may be acknowledged, and those left unacknowledged
     * because PostgreSQL could not be reached (their failed delivery says nothing about them).
     */
    record Outcome(List<StreamEntry> done, List<StreamEntry> awaitingDatabase) {
    }

    /** Processes the entries; returns those that may be acknowledged. */
    List<StreamEntry> process(List<StreamEntry> entries) {
        return handle(entries).done();
    }

    /** Processes the entries; says which may be acknowledged and which wait for the database. */
    Outcome handle(List<StreamEntry> entries) {
        List<IngestWriter.Accepted> accepted = new ArrayList<>(entries.size());
        List<DeadLetters.DeadLetter> invalid = new ArrayList<>();
        for (StreamEntry entry : entries) {
            switch (decoder.decode(entry)) {
                case Decoded.Valid v -> accepted.add(new IngestWriter.Accepted(entry, v.event()));
                case Decoded.Invalid i -> invalid.add(new DeadLetters.DeadLetter(entry, i.reason(), 1));
            }
        }
        deadLetters.write(invalid);
        List<StreamEntry> done = new ArrayList<>(entries.size());
        List<StreamEntry> awaiting = new ArrayList<>();
        invalid.forEach(d -> done.add(d.entry()));
        try {
            queue.addAll(writer.apply(accepted));
            accepted.forEach(a -> done.add(a.entry()));
        } catch (RuntimeException batchFailure) {
            if (Database.unreachable(batchFailure)) {
                // Each entry alone would wait for a connection just as long, and fail the same way.
                LOG.warn("batch of {} entries waits for the database: {}", accepted.size(), batchFailure.getMessage());
                accepted.forEach(a -> awaiting.add(a.entry()));
                metrics.ingestFailed("apply", accepted.size());
            } else {
                LOG.warn("batch of {} entries failed ({}); applying them one by one", accepted.size(),
                        batchFailure.getMessage());
                accepted.forEach(a -> applyAlone(a, done, awaiting));
            }
        }
        return new Outcome(done, awaiting);
    }

    private void applyAlone(IngestWriter.Accepted a, List<StreamEntry> done, List<StreamEntry> awaiting) {
        try {
            Set<CiKey> cis = writer.apply(List.of(a));
            queue.addAll(cis);
            done.add(a.entry());
        } catch (RuntimeException e) {
            if (DriftException.isRetryable(e)) {
                LOG.warn("entry {} not applied, will be redelivered: {}", a.entry().source(), e.getMessage());
                metrics.ingestFailed("apply", 1);
                if (Database.unreachable(e)) {
                    awaiting.add(a.entry());
                }
            } else {
                deadLetters.write(List.of(new DeadLetters.DeadLetter(a.entry(), "cannot be applied: " + e.getMessage(), 1)));
                done.add(a.entry());
            }
        }
    }
}
