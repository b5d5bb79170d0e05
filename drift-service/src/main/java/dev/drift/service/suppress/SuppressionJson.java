package dev.drift.service.suppress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.model.CiKey;
import dev.drift.service.model.CiPattern;
import dev.drift.service.model.FieldPattern;
import dev.drift.service.model.FieldValueJson;
import dev.drift.service.system.InvalidInput;
import dev.drift.service.system.JsonMembers;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The API's JSON form of exceptions and change windows (snake_case). Reading is strict: unknown
 * members, wrong types and bad values are {@link InvalidInput} naming the member.
 */
public final class SuppressionJson {
    private static final Set<String> EXCEPTION_MEMBERS = Set.of("ci", "field", "allowed_value", "reason",
            "approved_by", "expires_at");
    private static final Set<String> CHANGE_MEMBERS = Set.of("change_id", "ci_id", "fields", "starts_at", "ends_at",
            "approved_by");
    private static final int MAX_TEXT = 1000;

    private SuppressionJson() {
    }

    /**
     * A new exception. {@code allowed_value} present (JSON {@code null} included, which means
     * "absent") limits it to that actual value; missing means any value.
     */
    public static DriftExceptionRule readException(JsonNode json, String actor, Instant now) {
        JsonMembers m = JsonMembers.of(json, "", EXCEPTION_MEMBERS);
        CiPattern ci = parse("ci", () -> CiPattern.of(m.requiredText("ci")));
        FieldPattern field = parse("field", () -> FieldPattern.of(m.requiredText("field")));
        var allowed = json.has("allowed_value")
                ? Optional.of(parse("allowed_value", () -> FieldValueJson.fromJson(json.get("allowed_value"))))
                : Optional.<dev.drift.service.model.FieldValue>empty();
        Instant expires = instant(m, "expires_at");
        if (!expires.isAfter(now)) {
            throw new InvalidInput("expires_at", "must be in the future");
        }
        return new DriftExceptionRule(UUID.randomUUID(), ci, field, allowed, text(m, "reason"), text(m, "approved_by"),
                actor, now, expires, Optional.empty());
    }

    public static ObjectNode write(DriftExceptionRule e, Instant now) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", e.id().toString());
        o.put("ci", e.ci().glob());
        o.put("field", e.field().glob());
        e.allowedValue().ifPresent(v -> o.set("allowed_value", FieldValueJson.toJson(v)));
        o.put("reason", e.reason());
        o.put("approved_by", e.approvedBy());
        o.put("created_by", e.createdBy());
        o.put("created_at", e.createdAt().toString());
        o.put("expires_at", e.expiresAt().toString());
        e.revokedAt().ifPresentOrElse(r -> o.put("revoked_at", r.toString()), () -> o.putNull("revoked_at"));
        o.put("active", e.live(now));
        return o;
    }

    /** A change window pushed by an ITSM; {@code fields} defaults to every field ({@code *}). */
    public static ChangeWindow readChange(JsonNode json, String actor, Instant now) {
        JsonMembers m = JsonMembers.of(json, "", CHANGE_MEMBERS);
        String changeId = text(m, "change_id");
        CiKey ci = parse("ci_id", () -> CiKey.of(m.requiredText("ci_id")));
        List<FieldPattern> fields = m.list("fields", FieldPattern::of);
        Instant starts = instant(m, "starts_at");
        Instant ends = instant(m, "ends_at");
        if (!ends.isAfter(starts)) {
            throw new InvalidInput("ends_at", "must be after starts_at");
        }
        return new ChangeWindow(UUID.randomUUID(), changeId, ci, fields.isEmpty() ? List.of(FieldPattern.of("*")) : fields,
                starts, ends, text(m, "approved_by"), actor, now);
    }

    public static ObjectNode write(ChangeWindow w, Instant now) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", w.id().toString());
        o.put("change_id", w.changeId());
        o.put("ci_id", w.ci().value());
        ArrayNode fields = o.putArray("fields");
        w.fields().forEach(f -> fields.add(f.glob()));
        o.put("starts_at", w.startsAt().toString());
        o.put("ends_at", w.endsAt().toString());
        o.put("approved_by", w.approvedBy());
        o.put("created_by", w.createdBy());
        o.put("created_at", w.createdAt().toString());
        o.put("open", w.open(now));
        return o;
    }

    private static String text(JsonMembers m, String name) {
        String value = m.requiredText(name).strip();
        if (value.isEmpty() || value.length() > MAX_TEXT) {
            throw new InvalidInput(name, "must be 1-" + MAX_TEXT + " characters, not blank");
        }
        return value;
    }

    private static Instant instant(JsonMembers m, String name) {
        String text = m.requiredText(name);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(name, "must be an RFC 3339 time in UTC, like 2026-01-31T18:00:00Z: '" + text + "'");
        }
    }

    private static <T> T parse(String member, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(member, e.getMessage());
        }
    }
}
