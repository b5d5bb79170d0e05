package dev.drift.agent.event;

/**
 * Where the agent's events go. Implementations stamp the per-agent sequence number and agent name
 * into the payload, then deliver to Redis, or spool to disk while Redis is unreachable.
 *
 * <p>Contract: when {@link #publish} returns, the event is durable (in Redis, or in the on-disk
 * spool and fsynced), and events are delivered in the order they were published. It throws
 * {@link SinkFullException} only when the spool's bound is reached and the event was dropped (which
 * the implementation has logged).
 */
public interface EventSink extends AutoCloseable {

    /** Makes the event durable; see the class contract. Called from one thread at a time. */
    void publish(OutboundEvent event);

    /** Events accepted but not yet in Redis (the spool depth), for the heartbeat. */
    long pending();

    @Override
    void close();

    /** The spool is at its bound: the event was not kept. */
    final class SinkFullException extends RuntimeException {
        public SinkFullException(String message) {
            super(message);
        }
    }
}
