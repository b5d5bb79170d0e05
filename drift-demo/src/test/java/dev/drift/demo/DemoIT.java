package dev.drift.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import dev.drift.embedded.EmbeddedServers;
import dev.drift.embedded.netbox.FakeNetBox;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import dev.drift.embedded.netbox.VmSpec;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The README's first command: the demo finds the drifts it provokes, resolves one, and stops. */
class DemoIT {

    @Test
    void demoShowsTheDriftItProvokesAndTheOneItFixes() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        new DemoMain(new PrintStream(buffer, true, StandardCharsets.UTF_8)).run(new DemoOptions(0, Optional.empty(), false));

        String output = buffer.toString(StandardCharsets.UTF_8);
        assertThat(output).doesNotContain("still waiting");
        String open = section(output, "Open drift", "Dead letters");
        assertThat(open).contains("web-01", "power_state", "poweredOff")
                .contains("file[/etc/ssh/sshd_config].setting[PermitRootLogin]")
                .contains("db-01", "memory_mb", "package[postgresql-15].version")
                .contains("edge-sw-01", "interface[eth0].network", "vlan-20-staging")
                .contains("rogue-42", "ci.registered")
                .doesNotContain("lab-99");
        assertThat(output).contains("Dead letters on drift.dlq: 1", "Announcements: drift.detected=6");
        assertThat(section(output, "Resolved drift", "drift.resolved=")).contains("web-01", "power_state", "resolved", "auto");
        assertThat(output).contains("Announcements: drift.resolved=1").endsWith("nothing left running.\n");
        if (DemoRemediation.runnerInstalled()) {
            assertThat(section(output, "Resolved drift on web-01", "nothing left running"))
                    .contains(DemoRemediation.FIELD, "resolved remediation");
        } else {
            assertThat(output).contains("apt-get install python3-ansible-runner");
        }
    }

    @Test
    void withNetBoxTheDemoReadsIntentFromItAndCisItDoesNotKnowAreUnmanaged() throws Exception {
        try (FakeNetBox netbox = new FakeNetBox("demo-netbox-token").start()) {
            netbox.virtualMachines().add(VmSpec.named("web-01").withStatus("active").withConfigContext(Map.of("drift",
                    Map.of("files", Map.of("/etc/ssh/sshd_config", Map.of("settings", Map.of("PermitRootLogin", "no")))))));
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            DemoOptions options = DemoOptions.parse(new String[] {"--port", "0", "--no-hold", "--netbox", netbox.url(),
                    "--token", "demo-netbox-token"}, false);

            new DemoMain(new PrintStream(buffer, true, StandardCharsets.UTF_8)).run(options);

            String output = buffer.toString(StandardCharsets.UTF_8);
            assertThat(output).contains("desired state from NetBox at " + netbox.url()).doesNotContain("demo-netbox-token")
                    .doesNotContain("still waiting");
            assertThat(section(output, "Open drift", "Dead letters"))
                    .contains("web-01", "power_state", "poweredOff", "file[/etc/ssh/sshd_config].setting[PermitRootLogin]")
                    .contains("db-01", "edge-sw-01", "rogue-42", "lab-99", "ci.registered");
            assertThat(section(output, "Resolved drift", "drift.resolved=")).contains("web-01", "power_state", "resolved");
            assertThat(netbox.requestCount()).isPositive();
        }
    }

    @Test
    void withRedisTheDemoUsesThatServerInsteadOfStartingOne() throws Exception {
        try (EmbeddedServers given = EmbeddedServers.start();
             RedisClient client = RedisClient.create(given.redisUri());
             StatefulRedisConnection<String, String> redis = client.connect()) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            DemoOptions options = DemoOptions.parse(new String[] {"--port", "0", "--no-hold", "--redis",
                    given.redisUri()}, false);

            new DemoMain(new PrintStream(buffer, true, StandardCharsets.UTF_8)).run(options);

            assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("Announcements: drift.detected=6")
                    .endsWith("nothing left running.\n");
            assertThat(redis.sync().xlen("drift.detected")).as("the demo's messages are on the given Redis").isEqualTo(6);
            assertThat(redis.sync().xlen("drift.dlq")).isEqualTo(1);
        }
    }

    private static String section(String output, String from, String to) {
        int start = output.indexOf(from);
        assertThat(start).as("section " + from).isNotNegative();
        return output.substring(start, output.indexOf(to, start));
    }
}
