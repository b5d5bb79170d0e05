package dev.drift.service.actions;

import java.util.List;
import java.util.Optional;

/**
 * A place notices go: a Slack webhook, the console. Channels are named in configuration
 * ({@code drift.notify.channels.<name>}) and policies list those names in {@code notify}.
 *
 * <p>The action dispatcher claims the due notices of a channel together, asks the channel to
 * {@link #compose} them into messages (one per notice, or digests when there are many at once or the
 * channel's rate limit is short of permits), then {@link #send}s message by message, recording each
 * covered notice as delivered as soon as its message is sent. A notice is therefore sent once, unless
 * the process dies between a successful send and that record (a window of one database write).
 *
 * <p>Retry semantics: {@link #send} throws {@link dev.drift.service.system.DriftException.Retryable}
 * when trying again may help (5xx, 429, timeout, connection refused) and
 * {@link dev.drift.service.system.DriftException.Terminal} when it cannot (4xx other than 429, a
 * webhook Slack says no longer exists). The dispatcher owns backoff and the circuit breaker.
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
}
