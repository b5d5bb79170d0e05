package dev.drift.service.policy;

import dev.drift.service.ledger.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A drift policy: which drift it applies to ({@code match}), how severe such drift is, how long it
 * must persist before it opens ({@code settle}), which actions it takes (a change request,
 * remediation) and whom it tells ({@code notifyChannels}, the {@code notify} member in JSON;
 * {@code notify} itself cannot name a record component). In {@link PolicyMode#REPORT_ONLY}
 * drift is recorded and reported but no action is taken.
 */
public record Policy(UUID id, String name, PolicyMatch match, Severity severity, Duration settle,
                     boolean autoChangeRequest, boolean autoRemediate, Optional<Remediation> remediation,
                     List<String> notifyChannels, PolicyMode mode) {
    /** The id of the default policy, which matches every drift and cannot be deleted. */
    public static final UUID DEFAULT_ID = UUID.fromString("00000000-0000-0000-0000-000000000001");

    public Policy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(mode, "mode");
        if (settle.isNegative()) {
            throw new IllegalArgumentException("settle must not be negative");
        }
        notifyChannels = List.copyOf(notifyChannels);
    }

    /** Whether this is the default policy, which matches every drift and is resolved last. */
    public boolean isDefault() {
        return id.equals(DEFAULT_ID);
    }
}
