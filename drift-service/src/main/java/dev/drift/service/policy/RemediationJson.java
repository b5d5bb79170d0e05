package dev.drift.service.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.ledger.Severity;
import dev.drift.service.system.JsonMembers;
import java.util.Optional;
import java.util.Set;

/** The JSON form of {@link Remediation}, told apart by {@code kind}: {@code playbook} or {@code awx_job_template}. */
public final class RemediationJson {
    static final String MEMBER = "remediation";
    private static final String PLAYBOOK = "playbook";
    private static final String AWX = "awx_job_template";

    private RemediationJson() {
    }

    public static Remediation read(JsonNode node) {
        JsonNode kind = node.path("kind");
        if (node.isObject() && !kind.isTextual()) {
            throw new PolicyException.Invalid(MEMBER + ".kind", "is required: playbook or awx_job_template");
        }
        return switch (kind.asText()) {
            case PLAYBOOK -> {
                JsonMembers m = JsonMembers.of(node, MEMBER,
                        Set.of("kind", "path", "check_mode_first", "approval_above"));
                yield new Remediation.Playbook(playbookPath(m), m.bool("check_mode_first", true), approval(m));
            }
            case AWX -> {
                JsonMembers m = JsonMembers.of(node, MEMBER,
                        Set.of("kind", "job_template_id", "check_mode_first", "approval_above"));
                if (m.get("job_template_id").isEmpty()) {
                    throw new PolicyException.Invalid(m.path("job_template_id"), "is required");
                }
                yield new Remediation.AwxJobTemplate(m.integer("job_template_id", 0, 1, Integer.MAX_VALUE),
                        m.bool("check_mode_first", true), approval(m));
            }
            default -> throw node.isObject()
                    ? new PolicyException.Invalid(MEMBER + ".kind",
                            "must be one of playbook, awx_job_template: '" + kind.asText() + "'")
                    : new PolicyException.Invalid(MEMBER, "must be a JSON object");
        };
    }

    public static ObjectNode write(Remediation remediation) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        switch (remediation) {
            case Remediation.Playbook p -> node.put("kind", PLAYBOOK).put("path", p.path());
            case Remediation.AwxJobTemplate a -> node.put("kind", AWX).put("job_template_id", a.id());
        }
        node.put("check_mode_first", remediation.checkModeFirst());
        node.put("approval_above", remediation.approvalAbove().map(Severity::wireName).orElse(null));
        return node;
    }

    private static String playbookPath(JsonMembers m) {
        String path = m.requiredText("path");
        if (path.isBlank() || path.length() > 1024 || path.startsWith("/")
                || path.equals("..") || path.startsWith("../") || path.contains("/../")) {
            throw new PolicyException.Invalid(m.path("path"),
                    "must be a relative path of 1-1024 characters inside the playbook directory");
        }
        return path;
    }

    private static Optional<Severity> approval(JsonMembers m) {
        return m.enumerated("approval_above", Severity::fromWire);
    }
}
