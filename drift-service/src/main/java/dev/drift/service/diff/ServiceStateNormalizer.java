package dev.drift.service.diff;

import dev.drift.service.model.FieldValue;

/**
 * Service run state ({@code service[*].state}). Exists because systemd reports
 * {@code active}/{@code inactive}/{@code dead}, Ansible's service facts {@code running}/{@code stopped}
 * and the CMDB usually {@code running}; all mean one of two things. {@code failed} is kept as its
 * own state: a desired "running" service that failed is drift, not an unknown.
 */
final class ServiceStateNormalizer implements FieldNormalizer {
    private static final SynonymTable STATES = SynonymTable.of("service state")
            .map("running", "running", "started", "active")
            .map("stopped", "stopped", "inactive", "dead", "exited")
            .map("failed", "failed")
            .build();

    @Override
    public String kind() {
        return "service state";
    }

    @Override
    public Normalized normalize(FieldValue value) {
        return STATES.lookup(value);
    }
}
