package dev.drift.service.actions;

import dev.drift.service.system.DriftException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One message's send, as the circuit breaker and its inline retries call it: once a call may have
 * sent the message without saying so (a timeout, a 5xx, a connection lost mid-request), every
 * further call looks it up in the channel first and sends only if it is not there. So an inline
 * retry never doubles a message the channel took without answering.
 */
final class SendOnce implements Supplier<Optional<String>> {
    private final NotificationChannel channel;
    private final ChannelMessage message;
    private Instant inDoubtSince;
    private boolean found;

    SendOnce(NotificationChannel channel, ChannelMessage message) {
        this.channel = channel;
        this.message = message;
    }

    @Override
    public Optional<String> get() {
        if (inDoubtSince != null) {
            Optional<String> sent = channel.findSent(UnconfirmedMessage.of(message, inDoubtSince));
            if (sent.isPresent()) {
                found = true;
                return sent;
            }
        }
        Instant began = Instant.now();
        try {
            return channel.send(message);
        } catch (RuntimeException e) {
            if (channel.findsSent() && inDoubtSince == null && mayHaveSent(e)) {
                inDoubtSince = began;
            }
            throw e;
        }
    }

    /** Whether a failed call may have left the message in the channel, so that it must be looked up. */
    boolean inDoubt() {
        return inDoubtSince != null;
    }

    /** Whether the message was found in the channel rather than sent by this call. */
    boolean found() {
        return found;
    }

    /** A refusal (4xx) or a {@link NotSent} failure says the message did not go out; anything else may have. */
    private static boolean mayHaveSent(RuntimeException e) {
        return !(e instanceof NotSent) && !(e instanceof DriftException.Terminal);
    }
}
