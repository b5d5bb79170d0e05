package dev.drift.service.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.drift.service.support.ServiceIT;
import dev.drift.service.system.Database;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recording a batch of actions costs the same however many actions the table already holds: the
 * "only if the opening was announced" check looks each drift up by its id, and never scans
 * {@code drift_action} (it once did, hashed into a sequential scan per batch, which made ingest
 * slower as the table grew). The table is filled with 30,000 delivered openings first, and
 * PostgreSQL's own per-transaction counters say whether the table was scanned.
 */
@MicronautTest(transactional = false)
class ActionQueueGrowthIT extends ServiceIT {
    private static final int HISTORY = 30_000;
    private static final int BATCH = 256;
    private static final String TARGET = "growth-test";

    @Inject
    Database database;

    @Inject
    ActionQueue queue;

    private final List<UUID> announced = new ArrayList<>();
    private final List<UUID> silent = new ArrayList<>();

    @BeforeAll
    void fillTable() {
        database.write(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("""
                        insert into drift_event (id, ci_id, ci_type, field_path, category, desired_value, actual_value,
                            desired_provenance, actual_source, actual_observed_at, severity, status, first_detected_at,
                            last_seen_at, resolved_at, resolved_by)
                        select gen_random_uuid(), 'growth-' || i, 'vm', 'power_state', 'state', '"on"', '"off"',
                               '{"source":"file"}', 'test', now(), 'high', 'resolved', now(), now(), now(), 'reconcile'
                          from generate_series(1, %d) i""".formatted(HISTORY));
                st.execute("""
                        insert into drift_action (drift_id, kind, target, transition, idempotency_key, payload, state,
                                                  completed_at)
                        select id, 'notify', '%s', 'opened', id || ':opened:%s', '{}', 'delivered', now()
                          from drift_event where ci_id like 'growth-%%'""".formatted(TARGET, TARGET));
                st.execute("analyze drift_event");
                st.execute("analyze drift_action");
            }
            collect(c, "select id from drift_event where ci_id like 'growth-%' order by id limit " + BATCH / 2, announced);
            collect(c, """
                    insert into drift_event (id, ci_id, ci_type, field_path, category, desired_value, actual_value,
                        desired_provenance, actual_source, actual_observed_at, severity, status, first_detected_at,
                        last_seen_at, resolved_at, resolved_by)
                    select gen_random_uuid(), 'growth-silent-' || i, 'vm', 'power_state', 'state', '"on"', '"off"',
                           '{"source":"file"}', 'test', now(), 'high', 'resolved', now(), now(), now(), 'reconcile'
                      from generate_series(1, %d) i returning id""".formatted(BATCH / 2), silent);
            return null;
        });
    }

    @Test
    void resolutionsAreRecordedOnlyWhereAnnouncedWithoutScanningTheTable() {
        List<NewAction> resolutions = new ArrayList<>();
        announced.forEach(id -> resolutions.add(resolution(id)));
        silent.forEach(id -> resolutions.add(resolution(id)));

        long scans = database.write(c -> {
            long before = sequentialScans(c);
            queue.record(c, resolutions, Map.of());
            return sequentialScans(c) - before;
        });

        assertThat(scans).as("sequential scans of drift_action while recording %d actions", resolutions.size())
                .isZero();
        List<UUID> recorded = new ArrayList<>();
        database.read(c -> collect(c, "select drift_id from drift_action where target = '" + TARGET
                + "' and transition = 'resolved'", recorded));
        assertThat(recorded).containsExactlyInAnyOrderElementsOf(announced);
    }

    private static NewAction resolution(UUID drift) {
        return NewAction.due(drift, ActionKind.NOTIFY, TARGET, "resolved", JsonNodeFactory.instance.objectNode(),
                Instant.now().plusSeconds(3600)).onlyIfAnnounced();
    }

    private static long sequentialScans(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select seq_scan from pg_stat_xact_user_tables where relname = 'drift_action'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static <T> List<T> collect(Connection c, String sql, List<T> into) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                @SuppressWarnings("unchecked")
                T value = (T) rs.getObject(1);
                into.add(value);
            }
        }
        return into;
    }
}
