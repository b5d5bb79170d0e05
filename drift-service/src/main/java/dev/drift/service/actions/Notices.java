package dev.drift.service.actions;

import dev.drift.service.ledger.ActiveDrift;
import dev.drift.service.ledger.ResolvedBy;
import dev.drift.service.model.Category;
import dev.drift.service.model.FieldValue;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/** Builds the {@link Notice}s and {@link TicketSpec}s of drift transitions, redacting secret values. */
@Singleton
final class Notices {
    private final ActionsProperties properties;

    Notices(ActionsProperties properties) {
        this.properties = properties;
    }

    Notice of(ActiveDrift d, NoticeKind kind, String idempotencyKey, Optional<ResolvedBy> resolvedBy, Instant at) {
        return new Notice(idempotencyKey, d.id(), kind, d.ci().value(), d.ci().value(), d.ciType(),
                d.field().category().wireName(), title(kind, d.field().category()), subject(d), d.severity(),
                Redaction.display(d.field(), d.desired()), Redaction.display(d.field(), d.actual()), mismatches(d),
                link(d), resolvedBy.map(ResolvedBy::wireName), Optional.empty(), at);
    }

    /** The field, or for configuration drift of a compliance pack, the pack ({@code pack ssh-hardening}). */
    private static String subject(ActiveDrift d) {
        return d.field().category() == Category.CONFIG_DRIFT && d.field().root().key() != null
                ? "pack " + d.field().root().key() : d.field().toString();
    }

    /** One per drifting field; a compliance pack's drift counts its failing items (its actual value). */
    private static int mismatches(ActiveDrift d) {
        return d.field().category() == Category.CONFIG_DRIFT && d.actual() instanceof FieldValue.Number n
                ? n.value().intValue() : 1;
    }

    /** The CI's diff view in the web page, on the public base URL ({@code /ui/cis/{ci}}, which needs no token to open). */
    URI link(ActiveDrift d) {
        String base = properties.publicBaseUrl().toString().replaceAll("/+$", "");
        return URI.create(base + "/ui/cis/" + URLEncoder.encode(d.ci().value(), StandardCharsets.UTF_8));
    }

    static TicketSpec ticket(Notice n, String correlationId, String idempotencyKey) {
        String what = n.kind() == NoticeKind.ESCALATED ? "Drift remediation failed" : n.title();
        String description = "%s on %s.%nField: %s%nDesired: %s%nActual: %s%nSeverity: %s%nDiff view: %s%nDrift id: %s"
                .formatted(what, n.ciName(), n.subject(), n.desired(), n.actual(), n.severity().wireName(), n.link(),
                        n.driftId());
        return new TicketSpec(correlationId, idempotencyKey, n.ciId(), n.ciName(),
                what + ": " + n.ciName() + " " + n.subject(), description, n.severity(), n.link());
    }

    static String title(NoticeKind kind, Category category) {
        return switch (kind) {
            case OPENED -> switch (category) {
                case CONFIGURATION -> "Configuration drift detected";
                case PACKAGE -> "Package drift detected";
                case NETWORK -> "Network drift detected";
                case STATE -> "Machine state drift detected";
                case SECURITY -> "Security drift detected";
                case FIRMWARE -> "Firmware drift detected";
                case CONFIG_DRIFT -> "Configuration drift detected";
                case AGENT_SILENT -> "Agent silent: compliance unknown";
            };
            case REMINDER -> "Drift still open";
            case RESOLVED -> "Drift resolved";
            case ESCALATED -> "Drift escalated: remediation did not fix it";
        };
    }
}
