package dev.drift.service.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.policy.Remediation;
import dev.drift.service.policy.RemediationJson;
import java.util.Objects;

/**
 * What a {@code remediate} action asks for, as stored in its payload.
 *
 * @param checkMode   this run is Ansible check mode (the first stage of a check-first remediation, or a dry run)
 * @param dryRun      an operator's dry run: check mode only, the drift's status does not change
 * @param attempt     1 for the first real attempt; a retry after a failed run or verification counts up
 * @param requestedBy {@code policy:<name>} or the operator who asked
 */
record RemediationOrder(String ci, String field, String desired, String actual, Remediation remediation,
                        boolean checkMode, boolean dryRun, int attempt, String requestedBy) {
    RemediationOrder {
        Objects.requireNonNull(ci, "ci");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(requestedBy, "requestedBy");
    }

    /** The executor target that runs this kind of remediation. */
    String target() {
        return targetOf(remediation);
    }

    static String targetOf(Remediation remediation) {
        return switch (remediation) {
            case Remediation.Playbook p -> "ansible-runner";
            case Remediation.AwxJobTemplate a -> "awx";
        };
    }

    /** The real run that follows a successful check-mode stage. */
    RemediationOrder applyStage() {
        return new RemediationOrder(ci, field, desired, actual, remediation, false, false, attempt, requestedBy);
    }

    /** The next attempt after a failed run or verification; check mode first again if the policy says so. */
    RemediationOrder nextAttempt() {
        return new RemediationOrder(ci, field, desired, actual, remediation, remediation.checkModeFirst(), false,
                attempt + 1, requestedBy);
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("ci", ci);
        o.put("field", field);
        o.put("desired", desired);
        o.put("actual", actual);
        o.set("remediation", RemediationJson.write(remediation));
        o.put("check_mode", checkMode);
        o.put("dry_run", dryRun);
        o.put("attempt", attempt);
        o.put("requested_by", requestedBy);
        return o;
    }

    static RemediationOrder fromJson(JsonNode o) {
        return new RemediationOrder(o.get("ci").asText(), o.get("field").asText(), o.get("desired").asText(),
                o.get("actual").asText(), RemediationJson.read(o.get("remediation")), o.get("check_mode").asBoolean(),
                o.get("dry_run").asBoolean(), o.get("attempt").asInt(), o.get("requested_by").asText());
    }
}
