package dev.drift.service.policy;

import dev.drift.service.ledger.Severity;
import java.util.Objects;
import java.util.Optional;

/**
 * How a policy puts a drifted CI back: a local Ansible playbook or an AWX/AAP job template. Either
 * can run in check mode first, and can require approval for drift above a severity.
 */
public sealed interface Remediation {

    /** Run in Ansible check mode (with diff) before the real run. */
    boolean checkModeFirst();

    /** Drift strictly more severe than this needs approval before remediation; empty: never. */
    Optional<Severity> approvalAbove();

    /** A playbook run with ansible-runner; {@code path} is relative to the project directory. */
    record Playbook(String path, boolean checkModeFirst, Optional<Severity> approvalAbove) implements Remediation {
        public Playbook {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(approvalAbove, "approvalAbove");
        }
    }

    /** A job template launched on AWX/AAP, by its id. */
    record AwxJobTemplate(int id, boolean checkModeFirst, Optional<Severity> approvalAbove) implements Remediation {
        public AwxJobTemplate {
            Objects.requireNonNull(approvalAbove, "approvalAbove");
        }
    }
}
