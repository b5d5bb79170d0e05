package dev.drift.service.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.drift.service.support.ServiceIT;
import dev.drift.service.system.Database;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Retention on real PostgreSQL: what is past it goes (resolved drift with its history and actions,
 * compliance checks, published messages), what is still needed stays (open drift however old,
 * anything recent, unpublished messages), and nobody else may delete history.
 */
@MicronautTest(transactional = false)
class RetentionIT extends ServiceIT {
    private static final String POWER = "vm.power_changed";

    @Inject
    Retention retention;

    @Inject
    Database database;

    @Test
    void onlyWhatIsPastRetentionAndNoLongerNeededIsDeleted() {
        String old = resolvedDrift("ret-old");
        String recent = resolvedDrift("ret-recent");
        String open = openDrift("ret-open");
        age("update drift_event set first_detected_at = now() - interval '120 days', "
                + "resolved_at = now() - interval '100 days' where id = '" + old + "'");
        age("update drift_event set first_detected_at = now() - interval '120 days' where id = '" + open + "'");
        await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from outbox where published_at is null") == 0);
        age("update outbox set published_at = now() - interval '8 days' where payload->>'ci_id' = 'ret-old'");
        age("insert into outbox (stream, idempotency_key, payload, created_at) values "
                + "('drift.detected', 'never-published', '{}', now() - interval '30 days')");
        check("ret-old", "now() - interval '100 days'");
        check("ret-recent", "now()");

        Retention.Purged purged = retention.purge();

        assertThat(purged.drift()).isEqualTo(1);
        assertThat(count("select count(*) from drift_event where id = '" + old + "'")).isZero();
        assertThat(count("select count(*) from drift_history where drift_id = '" + old + "'")).isZero();
        assertThat(count("select count(*) from drift_action where drift_id = '" + old + "'")).isZero();
        assertThat(count("select count(*) from drift_event where id in ('" + recent + "', '" + open + "')")).isEqualTo(2);
        assertThat(count("select count(*) from drift_history where drift_id = '" + open + "'")).isPositive();
        assertThat(count("select count(*) from compliance_check where ci_id = 'ret-old'")).isZero();
        assertThat(count("select count(*) from compliance_check where ci_id = 'ret-recent'")).isEqualTo(1);
        assertThat(count("select count(*) from outbox where payload->>'ci_id' = 'ret-old'")).isZero();
        assertThat(count("select count(*) from outbox where payload->>'ci_id' = 'ret-recent'")).isPositive();
        assertThat(count("select count(*) from outbox where idempotency_key = 'never-published'")).isEqualTo(1);
        assertThat(retention.purge().drift()).as("nothing more to do").isZero();
    }

    @Test
    void historyStaysAppendOnlyForEveryoneElse() {
        String id = resolvedDrift("ret-audit");

        assertThatThrownBy(() -> age("delete from drift_history where drift_id = '" + id + "'"))
                .hasStackTraceContaining("drift_history is append-only");
    }

    private String resolvedDrift(String ci) {
        String id = openDrift(ci);
        streams.add(POWER, "{\"ci_id\":\"" + ci + "\",\"power_state\":\"on\"}");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("select count(*) from drift_event where status = 'resolved' and id = '" + id + "'") == 1);
        return id;
    }

    private String openDrift(String ci) {
        desired.poweredOnVm(ci);
        streams.add(POWER, "{\"ci_id\":\"" + ci + "\",\"power_state\":\"off\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> driftId(ci) != null);
        await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from drift_action where drift_id = '"
                + driftId(ci) + "'") > 0);
        return driftId(ci);
    }

    private void check(String ci, String at) {
        age("insert into compliance_check (ci_id, pack, pack_version, verdict, mismatch_count, mismatches, duration_us, "
                + "checked_at) values ('" + ci + "', 'p', '1', 'compliant', 0, '[]', 10, " + at + ")");
    }

    private String driftId(String ci) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select id::text from drift_event where ci_id = ?")) {
                ps.setString(1, ci);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    private long count(String sql) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private void age(String sql) {
        database.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                return ps.executeUpdate();
            }
        });
    }
}
