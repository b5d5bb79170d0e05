package dev.drift.agent.probe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one probe found, published on {@code compliance.check_result}.
 *
 * @param check        the probe's name, a field-path key ({@code backup}, {@code tls:web})
 * @param status       ok, drift, or error when the probe could not run (never a pass)
 * @param details      what it saw, for people; never a secret
 * @param measurements by name; a null value means "could not be measured"
 * @param durationMs   how long it ran
 */
public record ProbeResult(String check, Status status, String details, Map<String, Object> measurements,
                          long durationMs) {

    /** ok: passed; drift: ran and found the node out of bounds; error: could not run. */
    public enum Status {
        OK, DRIFT, ERROR;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ProbeResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(details, "details");
        measurements = Collections.unmodifiableMap(new LinkedHashMap<>(measurements));
    }

    static ProbeResult ok(String check, String details, Map<String, Object> measurements) {
        return new ProbeResult(check, Status.OK, details, measurements, 0);
    }

    static ProbeResult drift(String check, String details, Map<String, Object> measurements) {
        return new ProbeResult(check, Status.DRIFT, details, measurements, 0);
    }

    /** The probe could not run: every measurement it would have taken is null. */
    static ProbeResult error(String check, String details, List<String> measurementNames) {
        Map<String, Object> unknown = new LinkedHashMap<>();
        measurementNames.forEach(name -> unknown.put(name, null));
        return new ProbeResult(check, Status.ERROR, details, unknown, 0);
    }

    ProbeResult took(long millis) {
        return new ProbeResult(check, status, details, measurements, millis);
    }
}
