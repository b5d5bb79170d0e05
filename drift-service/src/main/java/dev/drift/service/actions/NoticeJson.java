package dev.drift.service.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.ledger.Severity;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A {@link Notice} as stored in an action's payload (snake_case members). */
final class NoticeJson {
    private NoticeJson() {
    }

    static ObjectNode write(Notice n) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("idempotency_key", n.idempotencyKey());
        o.put("drift_id", n.driftId().toString());
        o.put("kind", n.kind().wireName());
        o.put("ci_id", n.ciId());
        o.put("ci_name", n.ciName());
        o.put("ci_type", n.ciType());
        o.put("category", n.category());
        o.put("title", n.title());
        o.put("subject", n.subject());
        o.put("severity", n.severity().wireName());
        o.put("desired", n.desired());
        o.put("actual", n.actual());
        o.put("mismatches", n.mismatches());
        o.put("link", n.link().toString());
        n.resolvedBy().ifPresent(r -> o.put("resolved_by", r));
        o.put("at", n.at().toString());
        return o;
    }

    /** Reads the stored notice, with the thread reference known at delivery time. */
    static Notice read(JsonNode o, Optional<String> threadRef) {
        return new Notice(o.get("idempotency_key").asText(), UUID.fromString(o.get("drift_id").asText()),
                NoticeKind.fromWire(o.get("kind").asText()), o.get("ci_id").asText(), o.get("ci_name").asText(),
                o.get("ci_type").asText(), o.get("category").asText(), o.get("title").asText(),
                o.get("subject").asText(), Severity.fromWire(o.get("severity").asText()), o.get("desired").asText(),
                o.get("actual").asText(), o.get("mismatches").asInt(), URI.create(o.get("link").asText()),
                Optional.ofNullable(o.get("resolved_by")).map(JsonNode::asText), threadRef,
                Instant.parse(o.get("at").asText()));
    }
}
