package dev.drift.service.report;

import dev.drift.service.system.DriftException;

/** The desired-state source could not answer; nothing is shown in its place. */
public final class DesiredStateUnavailable extends DriftException.Retryable {
    DesiredStateUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
