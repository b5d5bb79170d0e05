package dev.drift.service.suppress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drift.service.support.FakeTarget;
import dev.drift.service.support.ServiceIT;
import dev.drift.service.system.Database;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Approved changes looked up in ServiceNow become change windows: drift of the CI during the change
 * is expected, and opens when the change's planned end has passed.
 */
@MicronautTest(transactional = false)
class ChangeSyncIT extends ServiceIT {
    private static final DateTimeFormatter SN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    /** The change ends 8 s after ServiceNow is first asked, whenever the service gets to it. */
    private final AtomicReference<Instant> ends = new AtomicReference<>();
    private final FakeTarget serviceNow = new FakeTarget(r -> new MockResponse()
            .setHeader("Content-Type", "application/json")
            .setBody("{\"result\":[{\"number\":\"CHG0050001\",\"cmdb_ci.name\":\"snow-01\",\"start_date\":\""
                    + SN_TIME.format(Instant.now().minusSeconds(3600)) + "\",\"end_date\":\"" + SN_TIME.format(end())
                    + "\"},{\"number\":\"CHG0050002\",\"cmdb_ci.name\":\"\",\"start_date\":\"bad\"}]}"));

    @Inject
    Database database;

    @Override
    protected Map<String, String> overrides() {
        return Map.of("drift.itsm.kind", "servicenow", "drift.itsm.url", serviceNow.url("/").replaceAll("/$", ""),
                "drift.itsm.token", "snow-token", "drift.itsm.change-sync", "true",
                "drift.itsm.change-sync-interval", "300ms");
    }

    private Instant end() {
        return ends.updateAndGet(e -> e != null ? e : Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS));
    }

    @AfterAll
    void stopFake() {
        serviceNow.close();
    }

    @Test
    void driftDuringAnApprovedServiceNowChangeIsExpectedUntilItsEnd() {
        desired.write("snow-01", "type: vm\nfields:\n  power_state: on\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> !serviceNow.requests().isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from change_window"
                + " where change_id = 'CHG0050001' and ci_id = 'snow-01'") == 1);

        streams.add("vm.power_changed", "{\"ci_id\":\"snow-01\",\"power_state\":\"off\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from drift_event where ci_id = 'snow-01'"
                + " and status = 'expected' and suppressed_by = 'change:CHG0050001'") == 1);

        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from drift_event where ci_id = 'snow-01'"
                + " and status = 'open'") == 1);
        String query = URLDecoder.decode(serviceNow.requests().getFirst().getPath(), StandardCharsets.UTF_8);
        assertThat(query).startsWith("/api/now/table/change_request?sysparm_query=approval=approved^cmdb_ciISNOTEMPTY^")
                .contains("sysparm_fields=number,cmdb_ci.name,start_date,end_date");
        assertThat(serviceNow.requests().getFirst().getHeader("Authorization")).isEqualTo("Bearer snow-token");
        assertThat(count("select count(*) from change_window")).as("the malformed change is skipped").isEqualTo(1);
    }

    private long count(String sql) {
        return database.read(c -> {
            try (var ps = c.prepareStatement(sql); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
