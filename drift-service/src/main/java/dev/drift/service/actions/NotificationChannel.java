package dev.drift.service.actions;

import java.util.List;
import java.util.Optional;

/**
 * A place notices go: a Slack channel (webhook or bot), the console. Channels are named in
 * configuration ({@code drift.notify.channels.<name>}) and policies list those names in {@code notify}.
 *
 * <p>The action dispatcher claims the due notices of a channel together, asks the channel to
 * {@link #compose} them into messages (one per notice, or digests when there are many at once or the
 * channel's rate limit is short of permits), then {@link #send}s message by message, recording each
 * covered notice as delivered as soon as its message is sent.
 *
 * <p>Exactly once, where the channel can look messages up ({@link #findsSent()}): before each send the
 * dispatcher records the message's {@link ChannelMessage#idempotencyKey() key} on the notices it
 * covers. When a later attempt finds that record still there (the process died between sending and
 * recording, or a send's outcome was unknown: a timeout, a 5xx), it calls {@link #findSent} first and,
 * if the message is in the channel, records it as delivered with that reference instead of sending it
 * again. Other channels are at least once: such a message is sent again (with the same key).
 *
 * <p>Retry semantics: {@link #send} and {@link #findSent} throw
 * {@link dev.drift.service.system.DriftException.Retryable} when trying again may help (5xx, 429,
 * timeout, connection refused; {@link NotSent} when the message is known not to have gone out) and
 * {@link dev.drift.service.system.DriftException.Terminal} when it cannot (4xx other than 429, a
 * webhook Slack says no longer exists, a bot without the history scope). A failed lookup is never
 * followed by a send: the notices stay due. The dispatcher owns backoff and the circuit breaker
 * ({@link TargetGuards}, one circuit per channel for both calls).
 */
public interface NotificationChannel {

    /** The channel's configured name. */
    String name();

    /**
     * Groups due notices (oldest first) into the messages to send now. May return fewer notices than
     * given (rate limit exhausted): those left out stay due and are offered again later.
     */
    List<ChannelMessage> compose(List<Notice> notices);

    /** Sends one message; returns the channel's reference for it (a Slack {@code ts}) when it has one. */
    Optional<String> send(ChannelMessage message);

    /** Whether {@link #findSent} can find messages; when not, the dispatcher records no unconfirmed sends. */
    default boolean findsSent() {
        return false;
    }

    /**
     * Looks for a message an earlier attempt may have sent, by its idempotency key, in the channel (or
     * the thread it went to) from a little before {@link UnconfirmedMessage#since()} on.
     *
     * @return the channel's reference of the message (a Slack {@code ts}); empty when it was not sent,
     *         or when the channel cannot look messages up (the default)
     */
    default Optional<String> findSent(UnconfirmedMessage message) {
        return Optional.empty();
    }
}
