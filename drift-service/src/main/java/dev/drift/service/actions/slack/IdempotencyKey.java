package dev.drift.service.actions.slack;

/**
 * How a Slack message carries its {@link dev.drift.service.actions.ChannelMessage#idempotencyKey() key}:
 * in a request header (both modes, for receivers that de-duplicate) and, in bot mode, in the message's
 * metadata, where {@code conversations.history} and {@code conversations.replies} return it
 * ({@code include_all_metadata}) for {@link SlackChannel#findSent} to look for.
 */
final class IdempotencyKey {
    /** The request header receivers deduplicate by. */
    static final String HEADER = "X-Drift-Idempotency-Key";
    /** The metadata {@code event_type} of drift's messages. */
    static final String EVENT_TYPE = "drift_notification";
    /** The member of the metadata {@code event_payload} that holds the key. */
    static final String PAYLOAD_MEMBER = "idempotency_key";

    private IdempotencyKey() {
    }
}
