package dev.drift.service.system;

/**
 * The one unchecked exception family of drift. Every failure says whether trying again can help:
 * {@link Retryable} failures (a server down, a timeout, a lock conflict) are retried with backoff by
 * whoever owns the work; {@link Terminal} failures (malformed input, a 4xx answer, a broken
 * invariant) are never retried and end where they are reported (a dead letter, a problem response).
 */
public abstract sealed class DriftException extends RuntimeException
        permits DriftException.Retryable, DriftException.Terminal {

    protected DriftException(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract boolean retryable();

    /** Trying again later may succeed. */
    public static non-sealed class Retryable extends DriftException {
        public Retryable(String message, Throwable cause) {
            super(message, cause);
        }

        public Retryable(String message) {
            this(message, null);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** Trying again will fail the same way. */
    public static non-sealed class Terminal extends DriftException {
        public Terminal(String message, Throwable cause) {
            super(message, cause);
        }

        public Terminal(String message) {
            this(message, null);
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    /** Whether a failure of any type is worth retrying: unknown failures are assumed transient. */
    public static boolean isRetryable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof DriftException d) {
                return d.retryable();
            }
        }
        return !(t instanceof IllegalArgumentException);
    }
}
