package dev.drift.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.actions.ActionRecord;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.Map;

/** One action taken (or to be taken) about a drift, with its outcome. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
record ActionView(long id, String kind, String target, String transition, String state, int attempts,
                  Instant dueAt, @Nullable String lastError, @Nullable Map<String, Object> result,
                  Instant createdAt, @Nullable Instant completedAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    @SuppressWarnings("unchecked")
    static ActionView of(ActionRecord a) {
        Map<String, Object> result;
        try {
            result = a.resultJson() == null ? null : JSON.readValue(a.resultJson(), Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored action result is not JSON", e);
        }
        return new ActionView(a.id(), a.kind(), a.target(), a.transition(), a.state(), a.attempts(), a.dueAt(),
                a.lastError(), result, a.createdAt(), a.completedAt());
    }
}
