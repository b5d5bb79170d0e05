package dev.drift.cli;

import okhttp3.mockwebserver.MockResponse;

/** Answers as the drift service gives them. */
final class Fixtures {
    static final String ID = "6f1c2a7e-1d2b-4c3d-9e8f-0a1b2c3d4e5f";

    private Fixtures() {
    }

    static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    static MockResponse problem(int status, String detail) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/problem+json")
                .setBody("{\"type\":\"about:blank\",\"title\":\"t\",\"status\":" + status + ",\"detail\":\"" + detail
                        + "\",\"instance\":\"/drift/events\"}");
    }

    static String event(String severity, String status) {
        return """
                {"id":"%s","ci_id":"web-01","ci_type":"vm","field":"file[/etc/ssh/sshd_config].PermitRootLogin",
                 "category":"security","desired":"no","actual":"yes","desired_provenance":{},
                 "actual_source":"agent","actual_observed_at":"2025-06-01T10:00:00Z","severity":"%s","status":"%s",
                 "first_detected_at":"2025-06-01T10:00:01Z","last_seen_at":"2025-06-01T11:00:00Z",
                 "occurrence_count":2,"resolved_at":null,"resolved_by":null,"suppressed_by":null,"policy_id":null,
                 "change_request":null,"incident":null,"remediation_attempts":0}""".formatted(ID, severity, status);
    }

    static String page(long total, String... events) {
        return "{\"items\":[" + String.join(",", events) + "],\"page\":0,\"size\":50,\"total\":" + total
                + ",\"total_exact\":true,\"total_pages\":1,\"next_cursor\":null}";
    }

    static String detail(String status) {
        return """
                {"event":%s,
                 "history":[{"at":"2025-06-01T10:00:01Z","from_status":null,"to_status":"open","actor":"reconciler",
                             "detail":{"reason":"differs"}}],
                 "actions":[{"id":7,"kind":"remediation","target":"ansible","transition":"opened","state":"done",
                             "attempts":1,"due_at":"2025-06-01T10:00:02Z","last_error":null,"result":{"rc":0},
                             "created_at":"2025-06-01T10:00:02Z","completed_at":"2025-06-01T10:01:00Z"}]}"""
                .formatted(event("high", status));
    }

    static String job(String status) {
        return job(status, null);
    }

    /** A reconcile job; with a slot a scheduled one, else on demand. */
    static String job(String status, String scheduledFor) {
        return """
                {"job_id":"11111111-2222-3333-4444-555555555555","status":"%s","kind":"%s","scheduled_for":%s,
                 "instance":"drift-1","started_at":"2025-06-01T12:00:00Z","finished_at":%s,"cis_total":40,
                 "cis_done":%d,"ledger_changes":5,"deferred":0,"error":%s}"""
                .formatted(status, scheduledFor == null ? "on_demand" : "scheduled",
                        scheduledFor == null ? "null" : "\"" + scheduledFor + "\"",
                        "running".equals(status) ? "null" : "\"2025-06-01T12:00:09Z\"",
                        "running".equals(status) || "interrupted".equals(status) ? 12 : 40, switch (status) {
                            case "failed" -> "\"desired state unavailable\"";
                            case "interrupted" -> "\"instance drift-1 stopped before the sweep finished\"";
                            default -> "null";
                        });
    }
}
