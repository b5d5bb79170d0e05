package dev.drift.service.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /drift/events/{id}/acknowledge}. Read strictly, like every body of the API:
 * an unknown member is a 400 problem naming it (serde ignores unknown members unless told).
 *
 * @param comment why the drift is acknowledged (required)
 * @param by      who acknowledges; until API tokens exist this is what the history records
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@Serdeable
record AcknowledgeRequest(@NotBlank @Size(max = 2000) String comment, @Nullable @Size(max = 200) String by) {
}
