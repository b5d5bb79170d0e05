package dev.drift.service.actions;

import static org.awaitility.Awaitility.await;

import dev.drift.service.support.ServiceIT;
import dev.drift.service.system.Database;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Unacknowledged open drift is announced again; acknowledging stops the reminders. */
@MicronautTest(transactional = false)
class ReminderIT extends ServiceIT {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    Database database;

    @Override
    protected Map<String, String> overrides() {
        return Map.of("drift.actions.reminder-interval", "1s", "drift.actions.reminder-check-interval", "200ms");
    }

    @Test
    void anUnacknowledgedDriftIsRemindedOfUntilSomeoneAcknowledgesIt() {
        desired.write("rem-vm", "type: vm\nfields:\n  power_state: on\n");
        streams.add("vm.power_changed", "{\"ci_id\":\"rem-vm\",\"power_state\":\"off\"}");

        await().atMost(Duration.ofSeconds(20)).until(() -> reminders("rem-vm", "delivered") >= 2);
        UUID drift = driftOf("rem-vm");
        http.toBlocking().exchange(HttpRequest.POST("/drift/events/" + drift + "/acknowledge",
                Map.of("comment", "on it", "by", "bob")));

        long after = reminders("rem-vm", "delivered");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .until(() -> reminders("rem-vm", "delivered") <= after + 1 && reminders("rem-vm", "pending") == 0);
    }

    private long reminders(String ci, String state) {
        return database.read(c -> {
            try (var ps = c.prepareStatement("""
                    select count(*) from drift_action a join drift_event e on e.id = a.drift_id
                     where e.ci_id = ? and a.kind = 'notify' and a.transition like 'reminder-%' and a.state = ?""")) {
                ps.setString(1, ci);
                ps.setString(2, state);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private UUID driftOf(String ci) {
        return database.read(c -> {
            try (var ps = c.prepareStatement("select id from drift_event where ci_id = ?")) {
                ps.setString(1, ci);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getObject(1, UUID.class);
                }
            }
        });
    }
}
