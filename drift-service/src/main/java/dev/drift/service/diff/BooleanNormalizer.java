package dev.drift.service.diff;

import dev.drift.service.model.FieldValue;

/**
 * On/off flags such as {@code service[*].enabled}. Exists because YAML, systemd, shell facts and
 * JSON spell a boolean as {@code true}, {@code yes}, {@code enabled}, {@code on} or {@code 1}; they
 * are reduced to {@link Boolean}, ignoring case.
 */
final class BooleanNormalizer implements FieldNormalizer {
    private static final SynonymTable FLAGS = SynonymTable.of("boolean")
            .map(Boolean.TRUE, "true", "yes", "on", "enabled", "1")
            .map(Boolean.FALSE, "false", "no", "off", "disabled", "0")
            .build();

    @Override
    public String kind() {
        return "boolean";
    }

    @Override
    public Normalized normalize(FieldValue value) {
        return FLAGS.lookup(value);
    }
}
