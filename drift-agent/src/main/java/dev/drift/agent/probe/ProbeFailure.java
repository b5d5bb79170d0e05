package dev.drift.agent.probe;

/** A probe could not run: its result is an error with this message, never a pass. */
public final class ProbeFailure extends RuntimeException {
    public ProbeFailure(String message) {
        super(message);
    }

    public ProbeFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
