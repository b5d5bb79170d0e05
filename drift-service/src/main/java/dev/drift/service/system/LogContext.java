package dev.drift.service.system;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * Puts the CI ({@code ci}) and the drift ({@code drift_id}) that the current thread works on in the
 * SLF4J MDC, so every log line written meanwhile carries them (the logback pattern prints them).
 * Closing restores what was there before, so contexts nest:
 *
 * <pre>{@code
 * try (LogContext log = LogContext.ci(ci.value())) {
 *     ...
 * }
 * }</pre>
 */
public final class LogContext implements AutoCloseable {
    public static final String CI = "ci";
    public static final String DRIFT_ID = "drift_id";

    private final Map<String, String> previous = new LinkedHashMap<>();

    private LogContext() {
    }

    /** Work on one CI. */
    public static LogContext ci(String ci) {
        return new LogContext().put(CI, ci);
    }

    /** Work on one drift, whose CI is not at hand. */
    public static LogContext drift(UUID driftId) {
        return new LogContext().put(DRIFT_ID, driftId.toString());
    }

    /** Work on one drift of a CI. */
    public static LogContext drift(String ci, UUID driftId) {
        return ci(ci).put(DRIFT_ID, driftId.toString());
    }

    private LogContext put(String key, String value) {
        previous.putIfAbsent(key, MDC.get(key));
        MDC.put(key, value);
        return this;
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }
}
