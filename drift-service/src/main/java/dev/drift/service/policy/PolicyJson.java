package dev.drift.service.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.ledger.Severity;
import dev.drift.service.model.Category;
import dev.drift.service.model.FieldPattern;
import dev.drift.service.system.JsonMembers;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The JSON form of a policy, used by the API and for the JSON columns: snake_case members
 * {@code name, match {ci_types, tags, categories, fields}, severity, settle_seconds,
 * auto_change_request, auto_remediate, remediation, notify, mode}. Reading is strict: an unknown
 * member, a wrong type or a bad value is a {@link PolicyException.Invalid} naming the member. Only
 * {@code name} is required; an absent member takes its default: match everything, {@code warning},
 * no settle time, no actions, no remediation, no channels, {@code enforce}.
 */
public final class PolicyJson {
    static final int DEFAULT_SETTLE_SECONDS = 0;
    static final int MAX_SETTLE_SECONDS = 7 * 24 * 3600;
    private static final int MAX_NAME_LENGTH = 100;
    private static final Set<String> MEMBERS = Set.of("id", "name", "match", "severity", "settle_seconds",
            "auto_change_request", "auto_remediate", "remediation", "notify", "mode");
    private static final Set<String> MATCH_MEMBERS = Set.of("ci_types", "tags", "categories", "fields");

    private PolicyJson() {
    }

    /** A policy with the given id from its JSON form; an {@code id} member in the JSON is ignored. */
    public static Policy read(UUID id, JsonNode json) {
        JsonMembers m = JsonMembers.of(json, "", MEMBERS);
        boolean autoRemediate = m.bool("auto_remediate", false);
        Optional<Remediation> remediation = m.get(RemediationJson.MEMBER).map(RemediationJson::read);
        if (autoRemediate && remediation.isEmpty()) {
            throw new PolicyException.Invalid("auto_remediate", "needs a remediation");
        }
        return new Policy(id, name(m), m.get("match").map(PolicyJson::readMatch).orElse(PolicyMatch.ANY),
                m.enumerated("severity", Severity::fromWire).orElse(Severity.WARNING),
                Duration.ofSeconds(m.integer("settle_seconds", DEFAULT_SETTLE_SECONDS, 0, MAX_SETTLE_SECONDS)),
                m.bool("auto_change_request", false), autoRemediate, remediation,
                m.list("notify", PolicyJson::nonBlank), m.enumerated("mode", PolicyMode::fromWire)
                .orElse(PolicyMode.ENFORCE));
    }

    /** The full JSON form, every member present ({@code remediation} null when there is none). */
    public static ObjectNode write(Policy policy) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", policy.id().toString());
        node.put("name", policy.name());
        node.set("match", writeMatch(policy.match()));
        node.put("severity", policy.severity().wireName());
        node.put("settle_seconds", policy.settle().toSeconds());
        node.put("auto_change_request", policy.autoChangeRequest());
        node.put("auto_remediate", policy.autoRemediate());
        node.set(RemediationJson.MEMBER, policy.remediation().map(RemediationJson::write)
                .map(JsonNode.class::cast).orElse(JsonNodeFactory.instance.nullNode()));
        node.set("notify", strings(policy.notifyChannels(), Function.identity()));
        node.put("mode", policy.mode().wireName());
        return node;
    }

    /**
     * Applies a JSON merge patch (RFC 7396) to the policy: members of the patch replace those of the
     * policy, objects ({@code match}, {@code remediation}) merge member by member, {@code null}
     * removes a member (it takes its default). One exception: a {@code remediation} of another
     * {@code kind} replaces the current one instead of merging with it, since the members of one
     * kind mean nothing to the other. The result is validated as a whole.
     */
    public static Policy mergePatch(Policy policy, JsonNode patch) {
        if (!patch.isObject()) {
            throw new PolicyException.Invalid("body", "must be a JSON object");
        }
        ObjectNode current = write(policy);
        JsonNode kind = patch.path(RemediationJson.MEMBER).path("kind");
        if (!kind.isMissingNode() && !kind.equals(current.path(RemediationJson.MEMBER).path("kind"))) {
            current.remove(RemediationJson.MEMBER);
        }
        return read(policy.id(), merge(current, patch));
    }

    static ObjectNode writeMatch(PolicyMatch match) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("ci_types", strings(match.ciTypes(), Function.identity()));
        node.set("tags", strings(match.tags(), Function.identity()));
        node.set("categories", strings(match.categories(), Category::wireName));
        node.set("fields", strings(match.fields(), FieldPattern::glob));
        return node;
    }

    private static PolicyMatch readMatch(JsonNode json) {
        JsonMembers m = JsonMembers.of(json, "match", MATCH_MEMBERS);
        return new PolicyMatch(Set.copyOf(m.list("ci_types", PolicyJson::nonBlank)),
                Set.copyOf(m.list("tags", PolicyJson::nonBlank)),
                Set.copyOf(m.list("categories", PolicyJson::category)),
                m.list("fields", FieldPatternSyntax::parse).stream().distinct().toList());
    }

    private static String name(JsonMembers m) {
        String name = m.requiredText("name").strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new PolicyException.Invalid("name", "must be 1-" + MAX_NAME_LENGTH + " characters, not blank");
        }
        return name;
    }

    private static String nonBlank(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("must not be blank");
        }
        return text.strip();
    }

    private static Category category(String name) {
        for (Category c : Category.values()) {
            if (c.wireName().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(
                "must be one of configuration, package, network, state, security, firmware: '" + name + "'");
    }

    private static <T> ArrayNode strings(Collection<T> items, Function<T, String> text) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        Stream<String> texts = items.stream().map(text);
        (items instanceof Set ? texts.sorted() : texts).forEach(array::add);
        return array;
    }

    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target instanceof ObjectNode object ? object.deepCopy()
                : JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), merge(result.path(member.getKey()), member.getValue()));
            }
        }
        return result;
    }
}
