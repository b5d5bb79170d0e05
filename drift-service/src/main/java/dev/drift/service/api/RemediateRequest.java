package dev.drift.service.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /drift/events/{id}/remediate}; every member is optional. Read strictly, like
 * every body of the API: an unknown member is a 400 problem naming it.
 *
 * @param dryRun  check mode with diff only: the output is stored on the event, nothing changes
 * @param comment why, recorded in the history
 * @param by      who asks; until API tokens exist this is what the history records
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@Serdeable(naming = SnakeCaseStrategy.class)
record RemediateRequest(@Nullable Boolean dryRun, @Nullable @Size(max = 2000) String comment,
                        @Nullable @Size(max = 200) String by) {
}
