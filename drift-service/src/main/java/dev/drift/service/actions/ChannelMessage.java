package dev.drift.service.actions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

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

    /**
     * The key the message is sent with, and looked up by, on every attempt: a single message's is its
     * notice's; a digest's is {@code digest-} and the SHA-256 of the keys it covers, in order, one per
     * line, so the same notices always give the same key.
     */
    public String idempotencyKey() {
        if (!digest) {
            return covers.getFirst().idempotencyKey();
        }
        String keys = covers.stream().map(Notice::idempotencyKey).collect(Collectors.joining("\n"));
        return "digest-" + HexFormat.of().formatHex(sha256(keys));
    }

    /**
     * The message this one replies to: a single notice goes to the thread of its drift's opening
     * message (when known); a digest starts its own.
     */
    public Optional<String> threadRef() {
        return digest ? Optional.empty() : covers.getFirst().threadRef();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
