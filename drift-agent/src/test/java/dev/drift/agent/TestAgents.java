package dev.drift.agent;

import dev.drift.agent.config.AgentConfig;
import dev.drift.agent.config.PathPatterns;
import dev.drift.agent.config.WatchTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Agent configurations for tests on temporary directories. */
public final class TestAgents {
    public static final String CI = "node-1";

    private TestAgents() {
    }

    public static AgentConfig config(Path stateDir, List<WatchTarget> watch) {
        return config(stateDir, watch, AgentConfig.DEFAULT_SENSITIVE);
    }

    public static AgentConfig config(Path stateDir, List<WatchTarget> watch, List<String> sensitive) {
        AgentConfig d = AgentConfig.defaults(CI);
        return new AgentConfig(CI, watch, stateDir, PathPatterns.of(sensitive), d.ignore(), Duration.ofMillis(5),
                d.contentMaxBytes(), d.redisUri(), stateDir.resolve("spool"), d.spoolMaxBytes(),
                d.heartbeatInterval(), true);
    }
}
