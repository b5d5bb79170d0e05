package dev.drift.service.ledger;

import dev.drift.service.model.Category;
import dev.drift.service.system.Database;
import dev.drift.service.system.DriftMetrics;
import dev.drift.service.system.DriftMetrics.DriftBucket;
import dev.drift.service.system.RefreshedGauges;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drift events not resolved, per category and severity, for {@code drift_open_drifts}. Every
 * combination of category and severity is reported, 0 when it has none, so a series never
 * disappears when its last drift resolves.
 */
@Singleton
final class OpenDriftGauges implements RefreshedGauges {
    private static final String COUNT = """
            select category, severity, count(*) from drift_event
             where status in ('open', 'acknowledged', 'remediating', 'escalated', 'excepted', 'expected')
             group by 1, 2""";

    private final Database database;
    private final DriftMetrics metrics;

    OpenDriftGauges(Database database, DriftMetrics metrics) {
        this.database = database;
        this.metrics = metrics;
    }

    @Override
    public void refresh() {
        metrics.openDrifts(counts());
    }

    private Map<DriftBucket, Long> counts() {
        Map<DriftBucket, Long> counts = new LinkedHashMap<>();
        for (Category category : Category.values()) {
            for (Severity severity : Severity.values()) {
                counts.put(new DriftBucket(category.wireName(), severity.wireName()), 0L);
            }
        }
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(COUNT); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(new DriftBucket(rs.getString(1), rs.getString(2)), rs.getLong(3));
                }
            }
            return counts;
        });
    }
}
