package dev.drift.service.actions.remediation;

import dev.drift.service.actions.RemediationJob;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The extra vars every remediation playbook receives, local or on AWX. Their values can be
 * sensitive (a desired password hash, say): they go to the runner only, never to a log.
 *
 * <ul>
 *   <li>{@code drift_id}: the drift event's id</li>
 *   <li>{@code drift_ci}: the CI id</li>
 *   <li>{@code drift_field}: the drifted field path, e.g.
 *       {@code file[/etc/ssh/sshd_config].setting[PermitRootLogin]}</li>
 *   <li>{@code drift_desired}: the desired value, as text</li>
 *   <li>{@code drift_actual}: the actual value, as text (redacted for sensitive fields)</li>
 * </ul>
 */
final class DriftExtraVars {

    private DriftExtraVars() {
    }

    /** The extra vars of one job, in a stable order. */
    static Map<String, String> of(RemediationJob job) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("drift_id", job.driftId().toString());
        vars.put("drift_ci", job.ciId());
        vars.put("drift_field", job.field());
        vars.put("drift_desired", job.desired());
        vars.put("drift_actual", job.actual());
        return vars;
    }
}
