package dev.drift.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;
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
 * The drift agent's sequence numbers on real Redis and PostgreSQL: an event the agent sends again
 * (a replay from its spool) is skipped, and events taken out of order are all applied.
 */
@MicronautTest(transactional = false)
class AgentReplayIT extends ServiceIT {
    private static final String FILES = "drift.file_changed";

    @Inject
    Database database;

    private static String fileEvent(String ci, String path, long seq, String sha, String at) {
        return """
                {"ci_id": "%s", "path": "%s", "change": "modified", "sha256": "%s", "seq": %d,
                 "observed_at": "%s", "agent": "drift-agent/0.1.0"}""".formatted(ci, path, sha.repeat(64), seq, at);
    }

    @Test
    void anEventTheAgentSendsAgainIsSkipped() {
        String ci = "replay-1";
        String first = streams.add(FILES, fileEvent(ci, "/etc/hosts", 1_000_007, "a", "2026-12-06T01:00:00Z"));
        await().atMost(Duration.ofSeconds(10)).until(() -> (FILES + "/" + first).equals(source(ci, "/etc/hosts")));

        String again = streams.add(FILES, fileEvent(ci, "/etc/hosts", 1_000_007, "a", "2026-12-06T01:00:00Z"));
        String next = streams.add(FILES, fileEvent(ci, "/etc/resolv.conf", 1_000_008, "b", "2026-12-06T01:00:01Z"));
        await().atMost(Duration.ofSeconds(10)).until(() -> (FILES + "/" + next).equals(source(ci, "/etc/resolv.conf")));

        assertThat(source(ci, "/etc/hosts")).as("the replay %s left the first entry's observation alone", again)
                .isEqualTo(FILES + "/" + first);
    }

    @Test
    void eventsTakenOutOfOrderAreAllApplied() {
        String ci = "replay-2";
        String later = streams.add(FILES, fileEvent(ci, "/etc/sudoers", 2_000_020, "c", "2026-12-06T01:00:02Z"));
        String earlier = streams.add(FILES, fileEvent(ci, "/etc/group", 2_000_019, "d", "2026-12-06T01:00:01Z"));

        await().atMost(Duration.ofSeconds(10)).until(() -> (FILES + "/" + later).equals(source(ci, "/etc/sudoers"))
                && (FILES + "/" + earlier).equals(source(ci, "/etc/group")));
    }

    @Test
    void theSameNumberFromAnotherMachineIsNotAReplay() {
        String one = streams.add(FILES, fileEvent("replay-3a", "/etc/hosts", 3_000_001, "e", "2026-12-06T01:00:00Z"));
        String other = streams.add(FILES, fileEvent("replay-3b", "/etc/hosts", 3_000_001, "e", "2026-12-06T01:00:00Z"));

        await().atMost(Duration.ofSeconds(10)).until(() -> (FILES + "/" + one).equals(source("replay-3a", "/etc/hosts"))
                && (FILES + "/" + other).equals(source("replay-3b", "/etc/hosts")));
    }

    private String source(String ci, String path) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select source from actual_state where ci_id = ? and field_path = ?")) {
                ps.setString(1, ci);
                ps.setString(2, "file[" + path + "].sha256");
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }
}
