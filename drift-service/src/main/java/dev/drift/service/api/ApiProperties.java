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
 */
@ConfigurationProperties(ApiProperties.PREFIX)
record ApiProperties(@Bindable(defaultValue = "100000") @Min(1) @Max(1_000_000) int exportMaxRows) {
    static final String PREFIX = "drift.api";
}
