package dev.drift.service.actions;

import java.util.List;
import java.util.Objects;

/**
 * One message a channel will send: about a single notice, or a digest of several.
 *
 * @param covers the notices this message delivers; each is marked delivered once it is sent
 * @param digest whether it summarizes several notices rather than telling one
 */
public record ChannelMessage(List<Notice> covers, boolean digest) {
    public ChannelMessage {
        covers = List.copyOf(covers);
        if (covers.isEmpty()) {
            throw new IllegalArgumentException("a message covers at least one notice");
        }
        if (!digest && covers.size() != 1) {
            throw new IllegalArgumentException("a single message covers exactly one notice");
        }
        Objects.requireNonNull(covers.getFirst());
    }

    public static ChannelMessage single(Notice notice) {
        return new ChannelMessage(List.of(notice), false);
    }
}
