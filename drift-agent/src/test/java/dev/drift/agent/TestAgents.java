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
        return config(stateDir, watch, sensitive, Duration.ofMillis(20));
    }

    /**
     * @param coalesce wider than the default so that a test thread preempted on a busy machine
     *                 still writes its burst within one window
     */
    public static AgentConfig config(Path stateDir, List<WatchTarget> watch, List<String> sensitive, Duration coalesce) {
        AgentConfig d = AgentConfig.defaults(CI);
        return new AgentConfig(CI, watch, stateDir, PathPatterns.of(sensitive), d.ignore(), coalesce,
                d.contentMaxBytes(), d.redisUri(), stateDir.resolve("spool"), d.spoolMaxBytes(),
                d.heartbeatInterval(), true, java.util.Optional.empty(), dev.drift.agent.config.HostRoot.NODE);
    }
}
