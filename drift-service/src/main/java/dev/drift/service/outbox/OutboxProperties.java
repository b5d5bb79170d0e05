package dev.drift.service.outbox;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * Outbox delivery settings.
 *
 * @param batchSize     messages published per round trip
 * @param pollInterval  how often the outbox is checked when nobody nudged the publisher
 * @param dedupTtl      how long Redis remembers a published idempotency key
 * @param streamMaxLen  approximate cap on the length of the streams published to
 */
@ConfigurationProperties("drift.outbox")
record OutboxProperties(
        @Min(1) @Max(10000) int batchSize,
        @NotNull Duration pollInterval,
        @NotNull Duration dedupTtl,
        @Min(1000) long streamMaxLen) {
}
