package dev.drift.service.actions.slack;

import dev.drift.service.actions.Notice;
import dev.drift.service.actions.NoticeKind;
import dev.drift.service.ledger.Severity;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

/** Notices as the dispatcher builds them. */
final class Notices {
    static final String SSH_ROOT = "file[/etc/ssh/sshd_config].setting[PermitRootLogin]";

    private Notices() {
    }

    static Notice opened(String ci) {
        return new Notice("key-" + ci + "-opened", UUID.nameUUIDFromBytes(ci.getBytes()), NoticeKind.OPENED, ci, ci,
                "vm", "security", "Configuration drift detected", SSH_ROOT, Severity.WARNING, "no", "yes", 1,
                link(ci), Optional.empty(), Optional.empty(), Instant.parse("2025-03-01T10:00:00Z"));
    }

    static Notice resolved(String ci, String by, String threadRef) {
        return new Notice("key-" + ci + "-resolved", UUID.nameUUIDFromBytes(ci.getBytes()), NoticeKind.RESOLVED, ci,
                ci, "vm", "security", "Drift resolved", SSH_ROOT, Severity.WARNING, "no", "no", 1, link(ci),
                Optional.of(by), Optional.ofNullable(threadRef), Instant.parse("2025-03-01T10:05:00Z"));
    }

    static Notice escalated(String ci, String threadRef) {
        return new Notice("key-" + ci + "-escalated", UUID.nameUUIDFromBytes(ci.getBytes()), NoticeKind.ESCALATED, ci,
                ci, "vm", "security", "Drift escalated: remediation did not fix it", SSH_ROOT, Severity.HIGH, "no",
                "yes", 1, link(ci), Optional.empty(), Optional.ofNullable(threadRef),
                Instant.parse("2025-03-01T10:10:00Z"));
    }

    static Notice reminder(String ci) {
        return new Notice("key-" + ci + "-reminder", UUID.nameUUIDFromBytes(ci.getBytes()), NoticeKind.REMINDER, ci,
                ci, "vm", "security", "Drift still open", SSH_ROOT, Severity.WARNING, "no", "yes", 2, link(ci),
                Optional.empty(), Optional.empty(), Instant.parse("2025-03-02T10:00:00Z"));
    }

    /** {@code count} openings on machines web-000, web-001, ...; every tenth is critical. */
    static List<Notice> burst(int count) {
        return IntStream.range(0, count).mapToObj(i -> {
            Notice n = opened("web-%03d".formatted(i));
            return i % 10 == 0 ? withSeverity(n, Severity.CRITICAL) : n;
        }).toList();
    }

    static Notice withSeverity(Notice n, Severity severity) {
        return new Notice(n.idempotencyKey(), n.driftId(), n.kind(), n.ciId(), n.ciName(), n.ciType(), n.category(),
                n.title(), n.subject(), severity, n.desired(), n.actual(), n.mismatches(), n.link(), n.resolvedBy(),
                n.threadRef(), n.at());
    }

    static Notice named(Notice n, String ciId, String ciName, String subject) {
        return new Notice(n.idempotencyKey(), n.driftId(), n.kind(), ciId, ciName, n.ciType(), n.category(),
                n.title(), subject, n.severity(), n.desired(), n.actual(), n.mismatches(), n.link(), n.resolvedBy(),
                n.threadRef(), n.at());
    }

    static Notice withLink(Notice n, URI link) {
        return new Notice(n.idempotencyKey(), n.driftId(), n.kind(), n.ciId(), n.ciName(), n.ciType(), n.category(),
                n.title(), n.subject(), n.severity(), n.desired(), n.actual(), n.mismatches(), link, n.resolvedBy(),
                n.threadRef(), n.at());
    }

    private static URI link(String ci) {
        return URI.create("https://drift.example.com:8443/ui/cis/" + ci);
    }
}
