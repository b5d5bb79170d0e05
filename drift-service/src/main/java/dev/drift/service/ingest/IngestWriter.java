package dev.drift.service.ingest;

import dev.drift.service.actual.ActualStateRepository;
import dev.drift.service.desired.DesiredLookup;
import dev.drift.service.model.CiKey;
import dev.drift.service.model.StreamEvent;
import dev.drift.service.ledger.CiLocks;
import dev.drift.service.reconcile.ReconcileRequests;
import dev.drift.service.reconcile.Reconciler;
import dev.drift.service.system.Database;
import dev.drift.service.system.DriftMetrics;
import dev.drift.service.system.DriftMetrics.Consumed;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies decoded entries in one transaction: remembers their ids, records their observations and
 * reconciles their CIs. An entry whose id was already processed is skipped, so a redelivered entry
 * changes nothing.
 *
 * <p>Desired state is read before the transaction opens. CIs whose desired state could not be read,
 * and all CIs of a batch whose inline reconcile failed, get a durable reconcile request instead and
 * are returned, for the reconcile workers to retry with backoff.
 */
@Singleton
final class IngestWriter {
    private static final Logger LOG = LoggerFactory.getLogger(IngestWriter.class);
    private static final String MARK_PROCESSED = """
            insert into processed_entry (stream, entry_id)
            select * from unnest(?::text[], ?::text[]) on conflict do nothing returning stream, entry_id""";

    private final Database database;
    private final ActualStateRepository actualState;
    private final ReconcileRequests requests;
    private final Reconciler reconciler;
    private final DriftMetrics metrics;

    IngestWriter(Database database, ActualStateRepository actualState, ReconcileRequests requests,
                 Reconciler reconciler, DriftMetrics metrics) {
        this.database = database;
        this.actualState = actualState;
        this.requests = requests;
        this.reconciler = reconciler;
        this.metrics = metrics;
    }

    /** A decoded, valid entry. */
    record Accepted(StreamEntry entry, StreamEvent event) {
    }

    /**
     * What a committed batch did: the CIs left to the reconcile workers, the entries seen for the
     * first time, and how many ledger changes the inline reconcile made.
     */
    private record Applied(Set<CiKey> later, Set<String> fresh, Set<String> replayed, int ledgerChanges) {
    }

    /** Applies the entries; returns the CIs left to the reconcile workers. */
    Set<CiKey> apply(List<Accepted> entries) {
        if (entries.isEmpty()) {
            return Set.of();
        }
        Set<CiKey> cis = new LinkedHashSet<>();
        entries.forEach(a -> cis.add(a.event().ci()));
        Reconciler.Lookups lookups = reconciler.lookup(cis);
        try {
            return counted(entries, database.write(c -> applyAll(c, cis, entries, lookups.found())));
        } catch (RuntimeException inlineFailure) {
            if (lookups.found().isEmpty()) {
                throw inlineFailure;
            }
            LOG.warn("inline reconcile of {} CIs failed ({}); leaving them to the reconcile workers", cis.size(),
                    inlineFailure.getMessage());
            return counted(entries, database.write(c -> applyAll(c, cis, entries, Map.of())));
        }
    }

    /** Counts the batch's entries and wakes delivery when the batch changed the ledger (and so wrote messages or actions). */
    private Set<CiKey> counted(List<Accepted> entries, Applied applied) {
        if (applied.ledgerChanges() > 0) {
            reconciler.nudgeDelivery();
        }
        entries.forEach(a -> metrics.consumed(a.entry().stream(), outcome(applied, a.entry().source())));
        return applied.later();
    }

    private static Consumed outcome(Applied applied, String source) {
        if (applied.fresh().contains(source)) {
            return Consumed.APPLIED;
        }
        return applied.replayed().contains(source) ? Consumed.REPLAYED : Consumed.DUPLICATE;
    }

    private Applied applyAll(Connection c, Set<CiKey> cis, List<Accepted> entries,
                                Map<CiKey, DesiredLookup> desired) throws SQLException {
        CiLocks.lock(c, cis);
        Set<String> fresh = markProcessed(c, entries);
        Set<String> replayed = agentReplays(c, entries, fresh);
        fresh.removeAll(replayed);
        List<ActualStateRepository.SourcedEvent> events = new ArrayList<>();
        Set<CiKey> freshCis = new LinkedHashSet<>();
        for (Accepted a : entries) {
            if (fresh.contains(a.entry().source())) {
                events.add(new ActualStateRepository.SourcedEvent(a.event(), a.entry().source()));
                freshCis.add(a.event().ci());
            }
        }
        actualState.record(c, events);
        Map<CiKey, DesiredLookup> inline = new LinkedHashMap<>();
        Set<CiKey> later = new LinkedHashSet<>();
        for (CiKey ci : freshCis) {
            DesiredLookup lookup = desired.get(ci);
            if (lookup == null) {
                later.add(ci);
            } else {
                inline.put(ci, lookup);
            }
        }
        int changes = reconciler.reconcileLocked(c, inline);
        requests.request(c, later);
        return new Applied(later, fresh, replayed, changes);
    }

    /** Entries seen for the first time that the drift agent had already sent (see {@link AgentSequences}). */
    private static Set<String> agentReplays(Connection c, List<Accepted> entries, Set<String> fresh)
            throws SQLException {
        List<Accepted> numbered = entries.stream()
                .filter(a -> a.event().agentSeq() != null && fresh.contains(a.entry().source())).toList();
        List<Boolean> isNew = AgentSequences.admit(c, numbered.stream()
                .map(a -> new AgentSequences.Numbered(a.event().ci(), a.event().agentSeq()))
                .toList());
        Set<String> replays = new HashSet<>();
        for (int i = 0; i < numbered.size(); i++) {
            if (!isNew.get(i)) {
                replays.add(numbered.get(i).entry().source());
            }
        }
        if (!replays.isEmpty()) {
            LOG.info("skipped {} agent event(s) already taken (replayed from the agent's spool)", replays.size());
        }
        return replays;
    }

    private static Set<String> markProcessed(Connection c, List<Accepted> entries) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MARK_PROCESSED)) {
            ps.setArray(1, c.createArrayOf("text", entries.stream().map(d -> d.entry().stream()).toArray()));
            ps.setArray(2, c.createArrayOf("text", entries.stream().map(d -> d.entry().id()).toArray()));
            Set<String> fresh = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getString(1) + "/" + rs.getString(2));
                }
            }
            return fresh;
        }
    }

    /**
     * Forgets processed ids and agent sequence numbers older than the retention; entries that old are
     * never redelivered, and the agent's spool never holds events that long.
     */
    int forgetProcessedBefore(Duration retention) {
        return database.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from processed_entry where processed_at < now() - ? * interval '1 millisecond'")) {
                ps.setLong(1, retention.toMillis());
                return ps.executeUpdate() + AgentSequences.forgetBefore(c, retention);
            }
        });
    }
}
