package dev.drift.agent.probe;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A critical service is active: {@code systemctl is-active <unit>}; measurement {@code state}. */
final class ServiceActiveProbe implements Probe {
    private static final ProbeInfo INFO = new ProbeInfo("high", "RB-SERVICE-DOWN", List.of("ISO 27001 A.8.14"));

    private final String unit;
    private final CommandRunner commands;
    private final Duration timeout;

    ServiceActiveProbe(String unit, CommandRunner commands, Duration timeout) {
        this.unit = unit;
        this.commands = commands;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "service:" + unit;
    }

    @Override
    public ProbeInfo info() {
        return INFO;
    }

    @Override
    public List<String> measurementNames() {
        return List.of("state");
    }

    @Override
    public ProbeResult run() {
        CommandRunner.Output out = commands.run(List.of("systemctl", "is-active", unit), timeout);
        String state = out.stdout().strip();
        if (state.isEmpty()) {
            throw new ProbeFailure("systemctl is-active " + unit + " printed nothing (exit " + out.exitCode() + ")");
        }
        Map<String, Object> measured = Map.of("state", state);
        return "active".equals(state)
                ? ProbeResult.ok(name(), unit + " is active", measured)
                : ProbeResult.drift(name(), unit + " is " + state, measured);
    }
}
