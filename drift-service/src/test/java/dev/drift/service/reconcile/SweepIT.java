package dev.drift.service.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drift.service.support.ServiceIT;
import dev.drift.service.system.Database;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A sweep catches what no event announced: a change of intent, a CI dropped from the inventory. */
@MicronautTest(transactional = false)
class SweepIT extends ServiceIT {

    @Inject
    Sweep sweep;

    @Inject
    Database database;

    @Test
    void sweepAppliesChangesOfIntentAndFindsCisNoLongerInTheInventory() {
        desired.poweredOnVm("sw-stays").poweredOnVm("sw-intent").poweredOnVm("sw-dropped");
        for (String ci : new String[] {"sw-stays", "sw-intent", "sw-dropped"}) {
            streams.add("vm.power_changed", "{\"ci_id\":\"" + ci + "\",\"power_state\":\"off\"}");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> streams.all("drift.detected").size() == 3);

        desired.write("sw-intent", "type: vm\nfields:\n  power_state: off\n");
        desired.delete("sw-dropped");
        Sweep.Result result = sweep.run();

        assertThat(result.cis()).isEqualTo(3);
        assertThat(status("sw-stays", "power_state")).isEqualTo("open");
        assertThat(resolvedBy("sw-intent", "power_state")).isEqualTo("desired_changed");
        assertThat(resolvedBy("sw-dropped", "power_state")).isEqualTo("desired_changed");
        assertThat(status("sw-dropped", "ci.registered")).isEqualTo("open");

        assertThat(sweep.run().ledgerChanges()).as("a second sweep changes nothing").isZero();
    }

    private String status(String ci, String field) {
        return column("status", ci, field);
    }

    private String resolvedBy(String ci, String field) {
        return column("resolved_by", ci, field);
    }

    private String column(String column, String ci, String field) {
        return database.read(c -> {
            try (var ps = c.prepareStatement("select " + column + " from drift_event where ci_id = ? and field_path = ?")) {
                ps.setString(1, ci);
                ps.setString(2, field);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }
}
