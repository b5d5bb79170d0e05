package dev.drift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The parts of the API's answers and bodies the CLI uses; times stay text, shown as the service wrote them. */
final class Wire {
    private Wire() {
    }

    /** {@code GET /drift/events}. */
    record EventPage(List<Event> items, long total, boolean totalExact, String nextCursor) {
    }

    /** One drift event; {@code desired}/{@code actual} null means absent. */
    record Event(UUID id, String ciId, String ciType, String field, String category, JsonNode desired,
                 JsonNode actual, String actualSource, String actualObservedAt, String severity, String status,
                 String firstDetectedAt, String lastSeenAt, int occurrenceCount, String resolvedAt,
                 String resolvedBy, String suppressedBy, String changeRequest, String incident) {
    }

    /** {@code GET /drift/events/{id}}. */
    record EventDetail(Event event, List<History> history, List<Action> actions) {
    }

    record History(String at, String fromStatus, String toStatus, String actor, JsonNode detail) {
    }

    record Action(long id, String kind, String target, String transition, String state, int attempts,
                  String lastError, JsonNode result, String createdAt, String completedAt) {
    }

    /** Body of {@code POST /drift/events/{id}/acknowledge}. */
    record Acknowledge(String comment, String by) {
    }

    /** Body of {@code POST /drift/events/{id}/remediate}. */
    record Remediate(boolean dryRun, String comment) {
    }

    /** {@code 202} of {@code POST /drift/events/{id}/remediate}. */
    record RemediateAccepted(UUID driftId, String actionKey, boolean dryRun) {
    }

    /** {@code POST /drift/reconcile} (202) and {@code GET /drift/reconcile/{id}}. */
    record ReconcileJob(UUID jobId, String status, String kind, String scheduledFor, String startedAt,
                        String finishedAt, int cisTotal, int cisDone, int ledgerChanges, int deferred, String error) {
        boolean running() {
            return "running".equals(status);
        }
    }

    /** {@code GET /drift/report}. */
    record Report(String since, String until, long total, Map<String, Long> byCiType, Map<String, Long> byCategory,
                  Map<String, Long> bySeverity, Map<String, Long> byStatus, MeanTimeToResolve meanTimeToResolve) {
    }

    record MeanTimeToResolve(long resolved, Double meanSeconds, Map<String, Mean> bySeverity) {
    }

    record Mean(long resolved, Double meanSeconds) {
    }
}
