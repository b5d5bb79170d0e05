package dev.drift.service.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drift.service.support.DesiredFiles;
import dev.drift.service.support.ServiceIT;
import dev.drift.service.system.Database;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * While desired state cannot be read, events are kept and nothing is decided; when it can be read
 * again, every deferred CI is reconciled.
 */
@MicronautTest(transactional = false)
class DesiredStateUnavailableIT extends ServiceIT {
    private static final DesiredFiles STAGED = new DesiredFiles();
    private static final Path MOUNT = STAGED.directory().resolveSibling(STAGED.directory().getFileName() + "-mount");


    @Inject
    Database database;

    @Override
    protected Map<String, String> overrides() {
        // Backoff far beyond the test: recovery must come from the source answering again.
        return Map.of("drift.desired.file.directory", MOUNT.toString(),
                "drift.reconcile.retry-initial-backoff", "10m", "drift.reconcile.retry-max-backoff", "10m");
    }



    @Test
    void defersWhileDesiredStateIsUnreadableAndReconcilesEveryCiAsSoonAsItIsBack() throws IOException {
        STAGED.poweredOnVm("vm-wait-1").poweredOnVm("vm-wait-2").poweredOnVm("vm-after");

        streams.add("vm.power_changed", "{\"ci_id\":\"vm-wait-1\",\"power_state\":\"off\"}");
        streams.add("vm.power_changed", "{\"ci_id\":\"vm-wait-2\",\"power_state\":\"off\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from reconcile_deferral") == 2);
        assertThat(count("select count(*) from drift_event")).as("no drift decided on a guess").isZero();
        assertThat(count("select count(*) from processed_entry")).as("events kept").isEqualTo(2);
        assertThat(streams.redis().xpending("vm.power_changed", "drift-service").getCount()).isZero();

        Files.move(STAGED.directory(), MOUNT);
        streams.add("vm.power_changed", "{\"ci_id\":\"vm-after\",\"power_state\":\"off\"}");

        await().atMost(Duration.ofSeconds(15)).until(() -> count("select count(*) from drift_event where status = 'open'") == 3);
        await().atMost(Duration.ofSeconds(5)).until(() -> count("select count(*) from reconcile_request") == 0
                && count("select count(*) from reconcile_deferral") == 0);
        assertThat(streams.all("drift.detected")).hasSize(3);
    }

    private long count(String sql) {
        return database.read(c -> {
            try (var rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
