package dev.drift.service.compliance;

import dev.drift.service.model.FieldPath;
import java.util.Optional;

/**
 * The ledger fields the compliance sweep owns: {@code compliance[<pack>].mismatches} (category
 * {@code config_drift}; desired 0, actual the number of failing items) and {@code agent.reporting}
 * (category {@code agent_silent}). Field reconciles never touch them.
 */
final class ComplianceFields {
    static final FieldPath AGENT_REPORTING = FieldPath.parse("agent.reporting");
    /** The actual source recorded on drift the sweep opens or updates. */
    static final String SOURCE = "compliance-sweep";

    private ComplianceFields() {
    }

    static FieldPath mismatches(String pack) {
        return FieldPath.keyed("compliance", pack).child("mismatches");
    }

    /** The pack of a {@code config_drift} field; empty for any other field. */
    static Optional<String> packOf(FieldPath field) {
        return field.root().name().equals("compliance") ? Optional.ofNullable(field.root().key()) : Optional.empty();
    }
}
