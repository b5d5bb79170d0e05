package dev.drift.agent.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.drift.agent.Agent;
import dev.drift.agent.RecordingSink;
import dev.drift.agent.TestAgents;
import dev.drift.agent.config.AgentConfig;
import dev.drift.agent.config.WatchTarget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of payload the agent publishes validates against the schema the service checks it with. */
class FileChangedSchemaTest {
    @TempDir
    Path tmp;

    @Test
    void everyPayloadFollowsTheFileChangedSchema() throws IOException {
        Path etc = Files.createDirectory(tmp.resolve("etc"));
        Path sshd = Files.writeString(etc.resolve("sshd_config"), "PermitRootLogin yes\nMatch Address [::1]\n  X11Forwarding no\n");
        Path shadow = Files.writeString(etc.resolve("shadow"), "root:*:1::::::\n");
        Path dropIns = Files.createDirectory(etc.resolve("sysctl.d"));
        Path gone = Files.writeString(dropIns.resolve("10-gone.conf"), "vm.swappiness = 10\n");
        List<String> sensitive = new ArrayList<>(AgentConfig.DEFAULT_SENSITIVE);
        sensitive.add("shadow");
        AgentConfig config = TestAgents.config(tmp.resolve("state"),
                List.of(new WatchTarget(sshd, false), new WatchTarget(shadow, false), new WatchTarget(dropIns, true)), sensitive);
        RecordingSink sink = new RecordingSink();
        Agent.start(config, sink, Clock.systemUTC()).close();

        try (Agent agent = Agent.start(config, sink, Clock.systemUTC())) {
            Files.writeString(sshd, "PermitRootLogin no\n");
            Files.writeString(shadow, "root:!:1::::::\n");
            Files.setPosixFilePermissions(gone, PosixFilePermissions.fromString("rw-------"));
            Path created = Files.writeString(dropIns.resolve("20-net.conf"), "net.ipv4.ip_forward = 1\n");
            Path link = Files.createSymbolicLink(dropIns.resolve("30-link.conf"), created);
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.changesOf(created).contains("created")
                    && sink.changesOf(gone).contains("attributes") && sink.changesOf(sshd).contains("modified")
                    && sink.changesOf(shadow).contains("modified") && sink.changesOf(link).contains("created"));
            Files.delete(gone);
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.changesOf(gone).contains("deleted"));
        }

        List<ObjectNode> payloads = sink.payloads();
        Set<String> kinds = payloads.stream().map(p -> p.path("change").asText()).collect(Collectors.toSet());
        assertThat(kinds).containsExactlyInAnyOrder("created", "snapshot", "modified", "attributes", "deleted");
        assertThat(payloads).anySatisfy(p -> assertThat(p.path("sensitive").asBoolean()).isTrue());
        assertThat(payloads).anySatisfy(p -> assertThat(p.has("diff")).isTrue());
        assertThat(payloads).anySatisfy(p -> assertThat(p.path("link_target").asText()).endsWith("20-net.conf"));
        assertThat(payloads).anySatisfy(p -> assertThat(p.path("settings").has("Match Address (::1)/X11Forwarding")).isTrue());
        JsonSchema schema = schema();
        assertThat(payloads).allSatisfy(payload -> assertThat(schema.validate(payload))
                .as("%s", payload).extracting(ValidationMessage::getMessage).isEmpty());
    }

    private static JsonSchema schema() throws IOException {
        try (InputStream in = FileChangedSchemaTest.class.getClassLoader()
                .getResourceAsStream("drift/events/drift.file_changed.schema.json")) {
            assertThat(in).as("schema on the test classpath").isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        }
    }
}
