package dev.drift.service.diff;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import java.util.List;

/**
 * Configuration of the diff, under {@value #PREFIX}.
 *
 * @param ignore field-path globs ignored for every CI (see {@link dev.drift.service.model.FieldPattern}),
 *               for fields that change by themselves such as {@code uptime} or {@code *.last_seen};
 *               default none
 */
@ConfigurationProperties(DiffProperties.PREFIX)
record DiffProperties(@Nullable List<@NotBlank String> ignore) {
    static final String PREFIX = "drift.diff";

    DiffProperties {
        ignore = ignore == null ? List.of() : List.copyOf(ignore);
    }
}
