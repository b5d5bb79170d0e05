package dev.drift.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.agent.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void anInvalidConfigurationIsExplainedOnStandardError() {
        assertThatThrownBy(() -> AgentMain.configure(List.of("--state-dir"), print(out), print(err)))
                .isInstanceOf(ConfigException.class);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("drift-agent: invalid configuration: --state-dir needs a value")
                .contains("usage: drift-agent");
        assertThat(AgentMain.EXIT_CONFIG).isEqualTo(2);
    }

    @Test
    void helpPrintsTheUsageAndStartsNothing() {
        assertThat(AgentMain.configure(List.of("--help"), print(out), print(err))).isEmpty();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--watch PATH");
    }

    @Test
    void theDryRunSinkWritesOneJsonLinePerEventWithSeqAndAgent() {
        JsonLinesSink sink = new JsonLinesSink(print(out), "drift-agent/test");
        sink.publish(new dev.drift.agent.event.OutboundEvent("drift.file_changed", "web01",
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("path", "/etc/hosts")));
        sink.publish(new dev.drift.agent.event.OutboundEvent("drift.file_changed", "web01",
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("path", "/etc/group")));

        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "{\"stream\":\"drift.file_changed\",\"ci_id\":\"web01\",\"payload\":{\"path\":\"/etc/hosts\",\"seq\":0,\"agent\":\"drift-agent/test\"}}",
                "{\"stream\":\"drift.file_changed\",\"ci_id\":\"web01\",\"payload\":{\"path\":\"/etc/group\",\"seq\":1,\"agent\":\"drift-agent/test\"}}");
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
