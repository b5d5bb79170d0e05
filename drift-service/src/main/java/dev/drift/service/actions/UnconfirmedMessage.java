package dev.drift.service.actions;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A message an earlier attempt began to send without recording how it went (the process died, or the
 * channel did not answer in time): it may or may not be in the channel.
 *
 * @param idempotencyKey the key it was sent with ({@link ChannelMessage#idempotencyKey()})
 * @param threadRef      the thread it was sent to, if any ({@link ChannelMessage#threadRef()})
 * @param digest         whether it was a digest
 * @param since          when the first such attempt began: the message cannot be older
 */
public record UnconfirmedMessage(String idempotencyKey, Optional<String> threadRef, boolean digest, Instant since) {
    public UnconfirmedMessage {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(threadRef, "threadRef");
        Objects.requireNonNull(since, "since");
    }

    /** The message as it is about to be sent, from {@code since} on. */
    public static UnconfirmedMessage of(ChannelMessage message, Instant since) {
        return new UnconfirmedMessage(message.idempotencyKey(), message.threadRef(), message.digest(), since);
    }
}
