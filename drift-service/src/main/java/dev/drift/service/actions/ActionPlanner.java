package dev.drift.service.actions;

import dev.drift.service.ledger.ActiveDrift;
import dev.drift.service.ledger.DriftStatus;
import dev.drift.service.ledger.Transition;
import dev.drift.service.policy.Policy;
import dev.drift.service.policy.PolicyMode;
import dev.drift.service.policy.PolicyResolver;
import dev.drift.service.policy.PolicySubject;
import dev.drift.service.policy.Remediation;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns ledger transitions into actions, on the transaction that applied them, so an action exists
 * if and only if its transition committed. What a transition leads to:
 * <ul>
 *   <li>a drift opening for people (new and {@code open}, or no longer excepted or expected): a
 *       message on each of its policy's {@code notify} channels, a change request when
 *       {@code auto_change_request} (and an ITSM is configured), a remediation when
 *       {@code auto_remediate} (recorded as skipped when the drift's severity needs approval);
 *       in {@code report_only} mode all of them are recorded as skipped;</li>
 *   <li>a resolution: a message on each of its policy's channels that announced the opening; pending
 *       remediation is cancelled;</li>
 *   <li>becoming excepted or expected: pending remediation is cancelled;</li>
 *   <li>an escalation: a message on each channel and an incident when an ITSM is configured.</li>
 * </ul>
 */
@Singleton
public final class ActionPlanner {
    /** The target of ITSM actions. */
    static final String ITSM = "itsm";

    private final ActionQueue queue;
    private final Notices notices;
    private final PolicyResolver resolver;
    private final boolean itsmConfigured;

    ActionPlanner(ActionQueue queue, Notices notices, PolicyResolver resolver, Optional<ItsmClient> itsm) {
        this.queue = queue;
        this.notices = notices;
        this.resolver = resolver;
        this.itsmConfigured = itsm.isPresent();
    }

    /** Records the actions of the transitions on the caller's transaction. */
    public void plan(Connection c, List<Transition> transitions, List<Policy> policies) throws SQLException {
        if (transitions.isEmpty()) {
            return;
        }
        List<NewAction> actions = new ArrayList<>();
        Map<UUID, String> cancelRemediation = new HashMap<>();
        for (Transition t : transitions) {
            ActiveDrift d = t.drift();
            Policy policy = resolver.resolve(d.policyId(), new PolicySubject(d.ciType(), Set.of(), d.field()), policies);
            if (t.opensForPeople()) {
                actions.addAll(onOpen(t, policy));
            } else if (d.status() == DriftStatus.RESOLVED) {
                cancelRemediation.put(d.id(), "drift resolved");
                policy.notifyChannels().forEach(channel ->
                        actions.add(notify(t, NoticeKind.RESOLVED, "resolved", channel).onlyIfAnnounced()));
            } else if (d.status().suppressed()) {
                cancelRemediation.put(d.id(), "drift is " + d.status().wireName());
            } else if (d.status() == DriftStatus.ESCALATED) {
                actions.addAll(onEscalate(t, policy));
            }
        }
        queue.record(c, actions, cancelRemediation);
    }

    /** Records an operator's remediation request for the drift; returns its idempotency key. */
    String requestRemediation(Connection c, ActiveDrift d, Remediation remediation, boolean dryRun, String actor)
            throws SQLException {
        RemediationOrder order = new RemediationOrder(d.ci().value(), d.field().toString(),
                Redaction.display(d.field(), d.desired()), Redaction.display(d.field(), d.actual()), remediation,
                dryRun || remediation.checkModeFirst(), dryRun, 1, actor);
        String transition = (dryRun ? "dry-run-" : "remediate-manual-") + UUID.randomUUID();
        NewAction action = NewAction.due(d.id(), ActionKind.REMEDIATE, order.target(), transition, order.toJson(),
                Instant.now());
        queue.enqueue(c, List.of(action));
        return action.idempotencyKey();
    }

    private List<NewAction> onOpen(Transition t, Policy policy) {
        ActiveDrift d = t.drift();
        String transition = t.from().isEmpty() ? "opened" : "opened-" + t.at().toEpochMilli();
        List<NewAction> actions = new ArrayList<>();
        policy.notifyChannels().forEach(channel -> actions.add(notify(t, NoticeKind.OPENED, transition, channel)));
        if (policy.autoChangeRequest() && itsmConfigured) {
            actions.add(ticket(t, ActionKind.CHANGE_REQUEST, "change-request", d.id().toString()));
        }
        if (policy.autoRemediate() && policy.remediation().isPresent()) {
            actions.add(autoRemediation(t, policy, policy.remediation().get()));
        }
        if (policy.mode() == PolicyMode.REPORT_ONLY) {
            String reason = "report_only: policy " + policy.name() + " records drift and takes no action";
            return actions.stream().map(a -> a.skippedBecause().isPresent() ? a : a.skipped(reason)).toList();
        }
        return actions;
    }

    private NewAction autoRemediation(Transition t, Policy policy, Remediation remediation) {
        ActiveDrift d = t.drift();
        RemediationOrder order = new RemediationOrder(d.ci().value(), d.field().toString(),
                Redaction.display(d.field(), d.desired()), Redaction.display(d.field(), d.actual()), remediation,
                remediation.checkModeFirst(), false, 1, "policy:" + policy.name());
        NewAction action = NewAction.due(d.id(), ActionKind.REMEDIATE, order.target(), "remediate-1",
                order.toJson(), t.at());
        return remediation.approvalAbove()
                .filter(limit -> d.severity().compareTo(limit) > 0)
                .map(limit -> action.skipped("approval required: severity " + d.severity().wireName()
                        + " is above " + limit.wireName() + "; an operator can POST /drift/events/" + d.id()
                        + "/remediate"))
                .orElse(action);
    }

    private List<NewAction> onEscalate(Transition t, Policy policy) {
        List<NewAction> actions = new ArrayList<>();
        String transition = "escalated-" + t.at().toEpochMilli();
        policy.notifyChannels().forEach(channel -> actions.add(notify(t, NoticeKind.ESCALATED, transition, channel)));
        if (itsmConfigured) {
            actions.add(ticket(t, ActionKind.INCIDENT, "incident", t.drift().id() + ":escalated"));
        }
        return actions;
    }

    private NewAction notify(Transition t, NoticeKind kind, String transition, String channel) {
        UUID id = t.drift().id();
        String key = id + ":" + transition + ":" + channel;
        Notice notice = notices.of(t.drift(), kind, key, t.resolvedBy(), t.at());
        return NewAction.due(id, ActionKind.NOTIFY, channel, transition, NoticeJson.write(notice), t.at());
    }

    private NewAction ticket(Transition t, ActionKind kind, String transition, String correlationId) {
        UUID id = t.drift().id();
        String key = id + ":" + transition + ":" + ITSM;
        NoticeKind noticeKind = kind == ActionKind.INCIDENT ? NoticeKind.ESCALATED : NoticeKind.OPENED;
        Notice notice = notices.of(t.drift(), noticeKind, key, Optional.empty(), t.at());
        var payload = NoticeJson.write(notice);
        payload.put("correlation_id", correlationId);
        return NewAction.due(id, kind, ITSM, transition, payload, t.at());
    }
}
