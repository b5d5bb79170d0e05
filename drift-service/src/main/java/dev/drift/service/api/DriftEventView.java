package dev.drift.service.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.ledger.DriftEventRecord;
import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A drift event as the API shows it; {@code desired}/{@code actual} null means absent. Every member
 * is written, null ones included, so that absent reads as {@code null} rather than as a missing key.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
record DriftEventView(UUID id, String ciId, String ciType, String field, String category,
                      @Nullable Object desired, @Nullable Object actual, Map<String, Object> desiredProvenance,
                      String actualSource, Instant actualObservedAt, String severity, String status,
                      Instant firstDetectedAt, Instant lastSeenAt, int occurrenceCount,
                      @Nullable Instant resolvedAt, @Nullable String resolvedBy, @Nullable String suppressedBy,
                      @Nullable UUID policyId, @Nullable String changeRequest, @Nullable String incident,
                      int remediationAttempts) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static DriftEventView of(DriftEventRecord r) {
        return new DriftEventView(r.id(), r.ciId(), r.ciType(), r.fieldPath(), r.category(), json(r.desiredValue()),
                json(r.actualValue()), provenance(r.desiredProvenance()), r.actualSource(), r.actualObservedAt(),
                r.severity(), r.status(), r.firstDetectedAt(), r.lastSeenAt(), r.occurrenceCount(), r.resolvedAt(),
                r.resolvedBy(), r.suppressedBy(), r.policyId(), r.changeRequest(), r.incident(),
                r.remediationAttempts());
    }

    private static Object json(String text) {
        try {
            return text == null ? null : JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored value is not JSON", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> provenance(String text) {
        Object parsed = json(text);
        return parsed instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
