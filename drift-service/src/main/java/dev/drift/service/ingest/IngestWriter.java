package dev.drift.service.ingest;

import dev.drift.service.actual.ActualStateRepository;
import dev.drift.service.model.CiKey;
import dev.drift.service.reconcile.ReconcileRequests;
import dev.drift.service.system.Database;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies decoded entries in one transaction: remembers their ids, records their observations and
 * requests reconciliation of their CIs. An entry whose id was already processed is skipped, so a
 * redelivered entry changes nothing.
 */
@Singleton
final class IngestWriter {
    private static final String MARK_PROCESSED = """
            insert into processed_entry (stream, entry_id)
            select * from unnest(?::text[], ?::text[]) on conflict do nothing returning stream, entry_id""";

    private final Database database;
    private final ActualStateRepository actualState;
    private final ReconcileRequests requests;

    IngestWriter(Database database, ActualStateRepository actualState, ReconcileRequests requests) {
        this.database = database;
        this.actualState = actualState;
        this.requests = requests;
    }

    /** A decoded, valid entry. */
    record Accepted(StreamEntry entry, dev.drift.service.model.StreamEvent event) {
    }

    /** Returns the CIs whose reconciliation was requested (those of entries not seen before). */
    Set<CiKey> apply(List<Accepted> entries) {
        if (entries.isEmpty()) {
            return Set.of();
        }
        return database.write(c -> {
            Set<String> fresh = markProcessed(c, entries);
            List<ActualStateRepository.SourcedEvent> events = new ArrayList<>();
            Set<CiKey> cis = new LinkedHashSet<>();
            for (Accepted d : entries) {
                if (fresh.contains(d.entry().source())) {
                    events.add(new ActualStateRepository.SourcedEvent(d.event(), d.entry().source()));
                    cis.add(d.event().ci());
                }
            }
            actualState.record(c, events);
            requests.request(c, cis);
            return cis;
        });
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

    /** Forgets processed ids older than the retention; entries that old are never redelivered. */
    int forgetProcessedBefore(java.time.Duration retention) {
        return database.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from processed_entry where processed_at < now() - ? * interval '1 millisecond'")) {
                ps.setLong(1, retention.toMillis());
                return ps.executeUpdate();
            }
        });
    }
}
