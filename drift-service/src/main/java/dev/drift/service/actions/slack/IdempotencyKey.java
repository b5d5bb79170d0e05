package dev.drift.service.actions.slack;

import dev.drift.service.actions.ChannelMessage;
import dev.drift.service.actions.Notice;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Collectors;

/** The idempotency key a message is sent with, the same on every attempt to send it. */
final class IdempotencyKey {
    /** The request header receivers deduplicate by. */
    static final String HEADER = "X-Drift-Idempotency-Key";

    private IdempotencyKey() {
    }

    /**
     * A single message's key is its notice's; a digest's is {@code digest-} and the SHA-256 of the keys it
     * covers, in order, one per line: the same notices always give the same key.
     */
    static String of(ChannelMessage message) {
        if (!message.digest()) {
            return message.covers().getFirst().idempotencyKey();
        }
        String keys = message.covers().stream().map(Notice::idempotencyKey).collect(Collectors.joining("\n"));
        return "digest-" + HexFormat.of().formatHex(sha256(keys));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
