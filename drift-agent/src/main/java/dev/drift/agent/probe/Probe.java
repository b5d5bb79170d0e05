package dev.drift.agent.probe;

import java.util.List;

/**
 * One compliance check run on the node. Implementations may block (run a command, read files) and
 * may throw: {@link ProbeRunner} turns a throw or a timeout into an error result, never a pass.
 */
public interface Probe {

    /** The check name, a field-path key: no square brackets, no whitespace. */
    String name();

    /** What the result carries besides the check: severity, runbook and control ids. */
    ProbeInfo info();

    /** Measurement names this probe reports, so an error result can mark each one unknown. */
    List<String> measurementNames();

    /** Runs the check once. */
    ProbeResult run() throws Exception;
}
