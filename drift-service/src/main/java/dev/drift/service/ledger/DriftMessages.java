package dev.drift.service.ledger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.model.FieldValueJson;
import dev.drift.service.model.Provenance;
import dev.drift.service.outbox.OutboxMessage;
import java.time.Instant;
import java.util.UUID;

/**
 * Builds the {@code drift.detected} and {@code drift.resolved} messages (schemas in
 * {@code openapi/events/}). The idempotency key, also published as {@code event_id}, is the drift id
 * and the transition, so each transition is announced exactly once.
 */
final class DriftMessages {
    static final String DETECTED = "drift.detected";
    static final String RESOLVED = "drift.resolved";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private DriftMessages() {
    }

    static OutboxMessage detected(UUID id, LedgerChange.Open open, Instant detectedAt) {
        String key = id + ":detected";
        ObjectNode p = JSON.objectNode();
        p.put("event_id", key);
        p.put("type", DETECTED);
        p.put("drift_id", id.toString());
        p.put("ci_id", open.ci().value());
        p.put("ci_type", open.ciType());
        p.put("field", open.field().toString());
        p.put("category", open.field().category().wireName());
        p.put("severity", open.severity().wireName());
        p.put("status", open.status().wireName());
        p.set("desired", FieldValueJson.toJson(open.desired()));
        p.set("actual", FieldValueJson.toJson(open.actual()));
        p.set("desired_provenance", provenance(open.provenance()));
        p.put("actual_source", open.actualSource());
        p.put("observed_at", open.actualObservedAt().toString());
        p.put("detected_at", detectedAt.toString());
        return new OutboxMessage(DETECTED, key, p);
    }

    static OutboxMessage resolved(LedgerChange.Resolve resolve, Instant resolvedAt) {
        ActiveDrift d = resolve.drift();
        String key = d.id() + ":resolved";
        ObjectNode p = JSON.objectNode();
        p.put("event_id", key);
        p.put("type", RESOLVED);
        p.put("drift_id", d.id().toString());
        p.put("ci_id", d.ci().value());
        p.put("ci_type", d.ciType());
        p.put("field", d.field().toString());
        p.put("category", d.field().category().wireName());
        p.put("severity", d.severity().wireName());
        p.set("desired", FieldValueJson.toJson(d.desired()));
        p.set("actual", FieldValueJson.toJson(resolve.actual()));
        p.put("actual_source", resolve.actualSource());
        p.put("first_detected_at", d.firstDetectedAt().toString());
        p.put("resolved_at", resolvedAt.toString());
        p.put("resolved_by", resolve.by().wireName());
        p.put("occurrence_count", d.occurrenceCount());
        return new OutboxMessage(RESOLVED, key, p);
    }

    static ObjectNode provenance(Provenance provenance) {
        ObjectNode node = JSON.objectNode();
        node.put("source", provenance.source());
        node.put("object_type", provenance.objectType());
        node.put("object_id", provenance.objectId());
        node.put("attribute", provenance.attribute());
        return node;
    }
}
