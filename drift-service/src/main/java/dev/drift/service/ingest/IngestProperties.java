package dev.drift.service.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.ReadableBytes;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;

/**
 * Stream consumption settings.
 *
 * @param enabled          consume in this instance
 * @param group            consumer group shared by all instances
 * @param consumerName     this instance's consumer name; default host name plus a random suffix
 * @param consumers        consumers (threads) in this instance, named {@code <consumer-name>-<n>}
 * @param streams          streams to consume
 * @param deadLetterStream where undecodable and poison entries go
 * @param batchSize        entries read per XREADGROUP
 * @param block            how long one XREADGROUP waits for entries
 * @param claimIdle        an entry pending this long on any consumer is claimed (XAUTOCLAIM)
 * @param claimInterval    how often pending entries are checked
 * @param maxDeliveries    after this many deliveries an entry is dead-lettered as poison
 * @param processedRetention how long processed entry ids are remembered for de-duplication
 * @param maxPayloadSize   largest {@code payload} in bytes (UTF-8); a larger one is dead-lettered
 *                         without being parsed, and its dead letter keeps only its start
 */
@ConfigurationProperties("drift.ingest")
record IngestProperties(
        @NotNull Boolean enabled,
        @NotBlank String group,
        @Nullable String consumerName,
        @Min(1) @Max(16) int consumers,
        @NotEmpty List<@NotBlank String> streams,
        @NotBlank String deadLetterStream,
        @Min(1) @Max(10000) int batchSize,
        @NotNull Duration block,
        @NotNull Duration claimIdle,
        @NotNull Duration claimInterval,
        @Min(1) @Max(1000) int maxDeliveries,
        @Nullable Duration processedRetention,
        @Nullable @ReadableBytes @Min(1) Long maxPayloadSize) {
    static final long DEFAULT_MAX_PAYLOAD_SIZE = 4L * 1024 * 1024;

    IngestProperties {
        processedRetention = processedRetention == null ? Duration.ofDays(7) : processedRetention;
        maxPayloadSize = maxPayloadSize == null ? DEFAULT_MAX_PAYLOAD_SIZE : maxPayloadSize;
    }
}
