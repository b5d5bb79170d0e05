package dev.drift.service.actions.itsm;

import dev.drift.service.actions.TicketSpec;
import dev.drift.service.ledger.Severity;
import java.net.URI;
import java.time.Duration;

/** Settings and tickets the ITSM client tests share. */
final class ItsmFixtures {
    static final String DRIFT_ID = "6f1c2d3e-4a5b-4c6d-8e7f-901234567890";
    static final String USER = "svc-drift";
    static final String PASSWORD = "pa55-w0rd!";
    static final String TOKEN = "tok-0123456789abcdef";
    static final String SECRET = "whsec-s3cret";
    static final URI LINK = URI.create("https://drift.example.com/drift/cis/web-01");

    private ItsmFixtures() {
    }

    static ItsmProperties serviceNow(String url, String username, String password, String token,
                                     String assignmentGroup, Duration timeout) {
        return new ItsmProperties(ItsmProperties.Kind.SERVICENOW, url, username, password, token, null, timeout,
                assignmentGroup, "change_request", "incident");
    }

    static ItsmProperties webhook(String url, String secret, Duration timeout) {
        return new ItsmProperties(ItsmProperties.Kind.WEBHOOK, url, null, null, null, secret, timeout, null,
                "change_request", "incident");
    }

    static TicketSpec changeSpec(Severity severity) {
        return new TicketSpec(DRIFT_ID, "act-" + DRIFT_ID + ":itsm", "ci-web-01", "web-01",
                "Configuration drift on web-01", "PermitRootLogin is yes, desired no", severity, LINK);
    }

    static TicketSpec incidentSpec() {
        return new TicketSpec(DRIFT_ID + ":escalated", "act-" + DRIFT_ID + ":escalate", "ci-web-01", "web-01",
                "Unresolved drift on web-01", "Drift open for 48h", Severity.CRITICAL, LINK);
    }
}
