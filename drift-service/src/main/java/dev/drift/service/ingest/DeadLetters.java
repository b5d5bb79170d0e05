package dev.drift.service.ingest;

import dev.drift.service.system.DriftMetrics;
import dev.drift.service.system.DriftMetrics.DeadLetterReason;
import dev.drift.service.system.IdempotentStreamWriter;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes entries that cannot be processed to the dead-letter stream: the original fields as they
 * were (so an operator can fix and re-add them), plus {@code dlq_stream}, {@code dlq_entry_id},
 * {@code dlq_reason}, {@code dlq_deliveries} and {@code dlq_failed_at}. Idempotent per stream and
 * entry id, so a redelivered bad entry is dead-lettered once. A payload larger than
 * {@code drift.ingest.max-payload-size} is cut to its first {@value #KEPT_OF_OVERSIZE} characters:
 * the original stays in its stream, and the dead-letter stream must not grow by megabytes per entry.
 */
@Singleton
final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final long MAX_LEN = 1_000_000;
    private static final Duration DEDUP = Duration.ofDays(7);
    static final int KEPT_OF_OVERSIZE = 1024;

    private final IdempotentStreamWriter writer;
    private final String stream;
    private final DriftMetrics metrics;
    private final long maxPayloadSize;

    DeadLetters(IdempotentStreamWriter writer, IngestProperties properties, DriftMetrics metrics) {
        this.writer = writer;
        this.stream = properties.deadLetterStream();
        this.metrics = metrics;
        this.maxPayloadSize = properties.maxPayloadSize();
    }

    /** An entry to dead-letter and why. */
    record DeadLetter(StreamEntry entry, String reason, long deliveries) {
    }

    void write(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        writer.appendAll(letters.stream().map(this::append).toList(), DEDUP, MAX_LEN);
        letters.forEach(l -> LOG.warn("dead-lettered {} to {}: {}", l.entry().source(), stream, l.reason()));
        letters.forEach(l -> metrics.deadLettered(l.entry().stream(), reasonOf(l.reason())));
    }

    /**
     * The class of a dead letter's reason, from the reasons {@link ConsumerLoop} (poison) and
     * {@link EventDecoder} (schema) give; everything else cannot be decoded or stored.
     */
    static DeadLetterReason reasonOf(String reason) {
        if (reason.startsWith("poison")) {
            return DeadLetterReason.POISON;
        }
        if (reason.startsWith("payload does not match ")) {
            return DeadLetterReason.SCHEMA;
        }
        return DeadLetterReason.UNDECODABLE;
    }

    private IdempotentStreamWriter.Append append(DeadLetter letter) {
        Map<String, String> fields = new LinkedHashMap<>(letter.entry().fields());
        String payload = fields.get(EventDecoder.PAYLOAD);
        if (payload != null && EventDecoder.utf8Length(payload) > maxPayloadSize) {
            int end = Math.min(KEPT_OF_OVERSIZE, payload.length());
            fields.put(EventDecoder.PAYLOAD, payload.substring(0,
                    Character.isHighSurrogate(payload.charAt(end - 1)) ? end - 1 : end));
        }
        fields.put("dlq_stream", letter.entry().stream());
        fields.put("dlq_entry_id", letter.entry().id());
        fields.put("dlq_reason", letter.reason());
        fields.put("dlq_deliveries", Long.toString(letter.deliveries()));
        fields.put("dlq_failed_at", Instant.now().toString());
        return new IdempotentStreamWriter.Append(stream, "dlq:" + letter.entry().source(), fields);
    }
}
