package dev.drift.service.actions;

/**
 * The ITSM drift raises change requests and incidents in (ServiceNow, or any ITSM through a signed
 * webhook). Selected by {@code drift.itsm.kind}.
 *
 * <p>Both calls are idempotent by {@link TicketSpec#correlationId()}: an existing ticket with that
 * correlation id is returned rather than a second one created. They throw
 * {@link dev.drift.service.system.DriftException.Retryable} on 5xx, 429, timeouts and connection
 * failures and {@link dev.drift.service.system.DriftException.Terminal} on other 4xx answers.
 */
public interface ItsmClient {

    /** The target name used for metrics and circuit breakers, e.g. {@code servicenow}. */
    String name();

    /** Raises (or finds) the change request; returns its number or id, stored on the drift. */
    String openChangeRequest(TicketSpec spec);

    /** Raises (or finds) the incident for an escalated drift; returns its number or id. */
    String openIncident(TicketSpec spec);
}
