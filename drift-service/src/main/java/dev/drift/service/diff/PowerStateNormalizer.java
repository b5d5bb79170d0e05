package dev.drift.service.diff;

import dev.drift.service.model.FieldValue;

/**
 * Power state ({@code power_state}). Exists because every source names the same state differently:
 * NetBox says {@code active}, vSphere {@code poweredOn}, libvirt {@code running}, OpenStack
 * {@code shutoff}. All are reduced to {@code on}, {@code off} or {@code suspended}, ignoring case.
 * A word outside the table is not guessed at: it fails, and the field is unknown.
 */
final class PowerStateNormalizer implements FieldNormalizer {
    private static final SynonymTable STATES = SynonymTable.of("power state")
            .map("on", "on", "running", "poweredOn", "active", "up", "started")
            .map("off", "off", "stopped", "poweredOff", "shutoff", "shutdown", "halted", "offline")
            .map("suspended", "suspended", "paused", "hibernated")
            .build();

    @Override
    public String kind() {
        return "power state";
    }

    @Override
    public Normalized normalize(FieldValue value) {
        return STATES.lookup(value);
    }
}
