package dev.drift.service.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.ledger.DriftHistoryEntry;
import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.Map;

/** One transition of a drift event. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
record HistoryView(Instant at, @Nullable String fromStatus, String toStatus, String actor, Map<String, Object> detail) {
    private static final ObjectMapper JSON = new ObjectMapper();

    @SuppressWarnings("unchecked")
    static HistoryView of(DriftHistoryEntry h) {
        Map<String, Object> detail;
        try {
            detail = h.detail() == null ? Map.of() : JSON.readValue(h.detail(), Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored history detail is not JSON", e);
        }
        return new HistoryView(h.at(), h.fromStatus(), h.toStatus(), h.actor(), detail);
    }
}
