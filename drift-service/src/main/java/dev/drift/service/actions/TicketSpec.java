package dev.drift.service.actions;

import dev.drift.service.ledger.Severity;
import java.net.URI;
import java.util.Objects;

/**
 * A change request or incident to raise in the ITSM for a drift. Nothing secret: built from a
 * {@link Notice}.
 *
 * @param correlationId identifies the ticket across retries: the drift id for a change request,
 *                      {@code <drift id>:escalated} for an incident. The ITSM client looks it up
 *                      before creating, so a retry never opens a second ticket
 * @param idempotencyKey the action's key, sent with every attempt (generic webhook header)
 */
public record TicketSpec(String correlationId, String idempotencyKey, String ciId, String ciName,
                         String shortDescription, String description, Severity severity, URI link) {
    public TicketSpec {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(ciId, "ciId");
        Objects.requireNonNull(ciName, "ciName");
        Objects.requireNonNull(shortDescription, "shortDescription");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(link, "link");
    }
}
