package dev.drift.agent.probe;

import java.util.List;
import java.util.Objects;

/**
 * The fixed facts of a probe that travel with every result.
 *
 * @param severity {@code info}, {@code warning}, {@code high} or {@code critical}
 * @param runbook  the remediation runbook id operators follow
 * @param controls control ids the check evidences (e.g. {@code HIPAA 164.312(b)})
 */
public record ProbeInfo(String severity, String runbook, List<String> controls) {
    private static final List<String> SEVERITIES = List.of("info", "warning", "high", "critical");

    public ProbeInfo {
        Objects.requireNonNull(runbook, "runbook");
        if (!SEVERITIES.contains(severity)) {
            throw new IllegalArgumentException("severity must be one of " + SEVERITIES + ": " + severity);
        }
        controls = List.copyOf(controls);
    }
}
