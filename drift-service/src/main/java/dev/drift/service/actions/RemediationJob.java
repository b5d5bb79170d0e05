package dev.drift.service.actions;

import dev.drift.service.policy.Remediation;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * One remediation run for one drift.
 *
 * @param host       the Ansible host to limit the run to (the CI's name)
 * @param desired    the desired value as the playbook gets it in extra vars ({@code drift_desired})
 * @param actual     the actual value ({@code drift_actual}); redacted for sensitive fields
 * @param checkMode  Ansible check mode with diff (a dry run): reports what would change, changes nothing
 * @param timeout    the run is stopped and counted as failed after this long
 */
public record RemediationJob(UUID driftId, String idempotencyKey, String ciId, String host, String field,
                             String desired, String actual, Remediation remediation, boolean checkMode,
                             Duration timeout) {
    public RemediationJob {
        Objects.requireNonNull(driftId, "driftId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(ciId, "ciId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(timeout, "timeout");
    }
}
