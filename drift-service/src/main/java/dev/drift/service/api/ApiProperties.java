package dev.drift.service.api;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Limits of the operator API.
 *
 * @param exportMaxRows the most events one {@code GET /drift/events/export} returns; an export
 *                      matching more is refused with a 400 problem (the body is built in memory)
 * @param countLimit    the most matches {@code GET /drift/events} counts for its {@code total}; with
 *                      more, {@code total} is this limit and {@code total_exact} false. Counting every
 *                      match of a million-row ledger costs a scan of it on every page
 */
@ConfigurationProperties(ApiProperties.PREFIX)
record ApiProperties(@Bindable(defaultValue = "100000") @Min(1) @Max(1_000_000) int exportMaxRows,
                     @Bindable(defaultValue = "10000") @Min(1) @Max(10_000_000) int countLimit) {
    static final String PREFIX = "drift.api";
}
