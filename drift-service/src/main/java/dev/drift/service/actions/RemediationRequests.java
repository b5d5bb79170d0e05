package dev.drift.service.actions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.drift.service.ledger.ActiveDrift;
import dev.drift.service.ledger.CiLocks;
import dev.drift.service.ledger.DriftChanges;
import dev.drift.service.model.CiKey;
import dev.drift.service.policy.Policy;
import dev.drift.service.policy.PolicyResolver;
import dev.drift.service.policy.PolicyStore;
import dev.drift.service.policy.PolicySubject;
import dev.drift.service.system.Database;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Operators asking for a remediation of a drift ({@code POST /drift/events/{id}/remediate}), with
 * the remediation of the drift's policy. Asking is approval: a policy's {@code approval_required_above}
 * does not hold an operator's request back. A dry run is check mode only and changes no status.
 */
@Singleton
public final class RemediationRequests {
    private final Database database;
    private final DriftChanges drifts;
    private final PolicyStore policies;
    private final PolicyResolver resolver;
    private final ActionPlanner planner;
    private final ActionNudges nudges;

    /** What asking did. */
    public sealed interface Outcome {
        /** Recorded; the action with this idempotency key runs as soon as a slot is free. */
        record Accepted(UUID driftId, String actionKey, boolean dryRun) implements Outcome {
        }

        record NotFound(UUID driftId) implements Outcome {
        }

        /** The drift cannot be remediated: resolved, excepted, or its policy has no remediation. */
        record Refused(String reason) implements Outcome {
        }
    }

    RemediationRequests(Database database, DriftChanges drifts, PolicyStore policies, PolicyResolver resolver,
                        ActionPlanner planner, ActionNudges nudges) {
        this.database = database;
        this.drifts = drifts;
        this.policies = policies;
        this.resolver = resolver;
        this.planner = planner;
        this.nudges = nudges;
    }

    public Outcome request(UUID driftId, boolean dryRun, String actor, String comment) {
        Outcome outcome = database.write(c -> {
            Optional<CiKey> ci = drifts.ciOf(c, driftId);
            if (ci.isEmpty()) {
                return new Outcome.NotFound(driftId);
            }
            CiLocks.lock(c, List.of(ci.get()));
            ActiveDrift d = drifts.find(c, driftId).orElseThrow();
            if (!d.status().active() || d.status().suppressed()) {
                return new Outcome.Refused("drift event " + driftId + " is " + d.status().wireName());
            }
            Policy policy = resolver.resolve(d.policyId(), new PolicySubject(d.ciType(), Set.of(), d.field()), policies.current());
            if (policy.remediation().isEmpty()) {
                return new Outcome.Refused("policy " + policy.name() + " of drift event " + driftId
                        + " has no remediation");
            }
            String key = planner.requestRemediation(c, d, policy.remediation().get(), dryRun, actor);
            drifts.note(c, d, actor, JsonNodeFactory.instance.objectNode().put("remediation_requested", key)
                    .put("dry_run", dryRun).put("comment", comment));
            return new Outcome.Accepted(driftId, key, dryRun);
        });
        nudges.nudge();
        return outcome;
    }
}
