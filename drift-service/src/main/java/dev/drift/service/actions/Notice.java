package dev.drift.service.actions;

import dev.drift.service.ledger.Severity;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What a notification says about one transition of one drift: everything a Slack message, a
 * ticket or a console line needs, and nothing secret. {@code desired} and {@code actual} are display
 * strings that were redacted when the notice was built (sensitive fields show
 * {@value #REDACTED}), so a channel can print them as they are.
 *
 * @param idempotencyKey unique per (drift, transition, channel); sent with every delivery attempt
 * @param title          the headline, e.g. "Configuration drift detected" or "Drift resolved"
 * @param subject        the field or compliance pack that drifted, e.g. {@code file[/etc/ssh/sshd_config].setting[PermitRootLogin]}
 * @param mismatches     how many fields of the CI drift (1 for a single-field drift)
 * @param link           the CI's diff view ({@code /drift/cis/{ci}} on the public base URL)
 * @param resolvedBy     why it resolved; empty unless {@code kind} is {@link NoticeKind#RESOLVED}
 * @param threadRef      the channel's reference of the message that announced the opening (a Slack
 *                       {@code ts}), so later messages can go to its thread; empty when unknown
 * @param at             when the transition happened
 */
public record Notice(String idempotencyKey, UUID driftId, NoticeKind kind, String ciId, String ciName,
                     String ciType, String category, String title, String subject, Severity severity,
                     String desired, String actual, int mismatches, URI link, Optional<String> resolvedBy,
                     Optional<String> threadRef, Instant at) {
    /** What a secret value is shown as. */
    public static final String REDACTED = "(redacted)";

    public Notice {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(driftId, "driftId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ciId, "ciId");
        Objects.requireNonNull(ciName, "ciName");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(resolvedBy, "resolvedBy");
        Objects.requireNonNull(threadRef, "threadRef");
        Objects.requireNonNull(at, "at");
    }
}
