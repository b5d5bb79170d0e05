package dev.drift.service.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /drift/events/{id}/acknowledge}.
 *
 * @param comment why the drift is acknowledged (required)
 * @param by      who acknowledges; until API tokens exist this is what the history records
 */
@Serdeable
record AcknowledgeRequest(@NotBlank @Size(max = 2000) String comment, @Nullable @Size(max = 200) String by) {
}
