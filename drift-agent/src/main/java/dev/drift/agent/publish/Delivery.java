package dev.drift.agent.publish;

/** The outcome of one XADD. */
sealed interface Delivery {

    /** Redis stored the entry under {@code entryId}. */
    record Sent(String entryId) implements Delivery {
    }

    /**
     * Redis did not confirm the entry: unreachable, timed out, or refused it. After a timeout Redis
     * may still have stored it, so a retry can duplicate the entry.
     */
    record Failed(String reason) implements Delivery {
    }
}
