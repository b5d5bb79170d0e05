package dev.drift.service.actions;

import dev.drift.service.system.DriftException;

/**
 * A retryable delivery failure after which the message is known not to be in the channel: the target
 * was never reached, or it answered that it refused the message for now (429, a transient error
 * code). Any other retryable failure (a timeout, a 5xx, a connection lost mid-request) leaves the
 * outcome unknown, and a channel that can {@link NotificationChannel#findSent look messages up} is
 * asked before the message is sent again.
 */
public final class NotSent extends DriftException.Retryable {
    public NotSent(String message) {
        super(message);
    }
}
