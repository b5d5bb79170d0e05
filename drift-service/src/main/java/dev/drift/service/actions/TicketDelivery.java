package dev.drift.service.actions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.ledger.ActiveDrift;
import dev.drift.service.ledger.CiLocks;
import dev.drift.service.ledger.DriftChanges;
import dev.drift.service.model.CiKey;
import dev.drift.service.system.Database;
import dev.drift.service.system.DriftException;
import dev.drift.service.system.DriftMetrics.ActionOutcome;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Opens the change request or incident of one leased action in the configured ITSM, then records
 * the ticket number on the action and on the drift (with a history note) in one transaction. A
 * ticket cannot be doubled by a retry or a crash: the ITSM client looks the correlation id up
 * before it creates one.
 */
@Singleton
final class TicketDelivery {
    private final Optional<ItsmClient> itsm;
    private final TargetGuards guards;
    private final Database database;
    private final ActionQueue queue;
    private final DriftChanges drifts;
    private final ActionOutcomes outcomes;

    TicketDelivery(Optional<ItsmClient> itsm, TargetGuards guards, Database database, ActionQueue queue,
                   DriftChanges drifts, ActionOutcomes outcomes) {
        this.itsm = itsm;
        this.guards = guards;
        this.database = database;
        this.queue = queue;
        this.drifts = drifts;
        this.outcomes = outcomes;
    }

    void deliver(ClaimedAction a) {
        if (itsm.isEmpty()) {
            outcomes.fail(a, "no ITSM is configured (drift.itsm.kind)");
            return;
        }
        ItsmClient client = itsm.get();
        boolean incident = a.kind() == ActionKind.INCIDENT;
        TicketSpec spec = Notices.ticket(NoticeJson.read(a.payload(), Optional.empty()),
                a.payload().get("correlation_id").asText(), a.idempotencyKey());
        try {
            String number = guards.call("itsm:" + client.name(),
                    () -> incident ? client.openIncident(spec) : client.openChangeRequest(spec));
            record(a, client.name(), spec, incident, number);
            outcomes.counted(a, ActionOutcome.DELIVERED);
        } catch (RuntimeException e) {
            if (DriftException.isRetryable(e)) {
                outcomes.retry(a, e, false);
            } else {
                outcomes.fail(a, e.getMessage());
            }
        }
    }

    private void record(ClaimedAction a, String itsmName, TicketSpec spec, boolean incident, String number) {
        ObjectNode result = JsonNodeFactory.instance.objectNode().put("reference", number);
        database.write(c -> {
            queue.delivered(c, a.id(), result);
            CiLocks.lock(c, List.of(CiKey.of(spec.ciId())));
            drifts.recordTicket(c, a.driftId(), incident, number);
            Optional<ActiveDrift> drift = drifts.find(c, a.driftId());
            if (drift.isPresent()) {
                drifts.note(c, drift.get(), "itsm:" + itsmName, JsonNodeFactory.instance.objectNode()
                        .put(incident ? "incident" : "change_request", number));
            }
            return null;
        });
    }
}
