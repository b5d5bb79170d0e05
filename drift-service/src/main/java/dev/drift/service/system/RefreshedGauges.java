package dev.drift.service.system;

/**
 * Gauges whose values are read from a store (Redis, PostgreSQL) rather than counted as things
 * happen. Every {@code drift.metrics.refresh-interval} each bean of this type is asked to read and
 * set its values through {@link DriftMetrics}; a refresh that fails leaves the previous values.
 */
public interface RefreshedGauges {

    /** Reads the current values and sets the gauges; may throw, the next refresh tries again. */
    void refresh();
}
