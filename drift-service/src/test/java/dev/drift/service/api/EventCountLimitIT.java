package dev.drift.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drift.service.support.ServiceIT;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /drift/events} counts matches only up to {@code drift.api.count-limit} (3 here), so that
 * a page of a large ledger does not scan all of it: beyond the limit {@code total} is the limit and
 * {@code total_exact} false, while pages and cursors still reach every event.
 */
@MicronautTest(transactional = false)
class EventCountLimitIT extends ServiceIT {
    private static final List<String> VMS = List.of("cl-vm-1", "cl-vm-2", "cl-vm-3", "cl-vm-4", "cl-vm-5");

    @Inject
    @Client("/")
    HttpClient http;

    private ApiCalls api;

    @Override
    protected Map<String, String> overrides() {
        return Map.of("drift.api.count-limit", "3");
    }

    @BeforeAll
    void fiveVmsPoweredOff() {
        api = new ApiCalls(http);
        VMS.forEach(desired::poweredOnVm);
        VMS.forEach(vm -> streams.add("vm.power_changed", "{\"ci_id\":\"" + vm + "\",\"power_state\":\"off\"}"));
        await().atMost(Duration.ofSeconds(30)).until(() -> streams.all("drift.detected").size() == VMS.size());
    }

    @Test
    void moreMatchesThanTheLimitGiveTheLimitAndAnInexactTotal() {
        Map<String, Object> page = api.get("/drift/events?size=2");

        assertThat(page).containsEntry("total", 3).containsEntry("total_exact", false).containsEntry("total_pages", 2);
    }

    @Test
    void matchesWithinTheLimitAreCountedExactly() {
        assertThat(api.get("/drift/events?ci=cl-vm-2")).containsEntry("total", 1).containsEntry("total_exact", true);
        assertThat(api.get("/drift/events?ci=no-such-vm")).containsEntry("total", 0).containsEntry("total_exact", true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void cursorsStillWalkEveryMatchPastTheCountLimit() {
        Map<String, Object> page = api.get("/drift/events?size=2");
        int seen = ((List<Object>) page.get("items")).size();
        while (page.get("next_cursor") != null) {
            page = api.get("/drift/events?size=2&cursor=" + page.get("next_cursor"));
            seen += ((List<Object>) page.get("items")).size();
        }

        assertThat(seen).isEqualTo(VMS.size());
    }
}
