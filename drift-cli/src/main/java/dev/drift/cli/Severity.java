package dev.drift.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Drift severities, least urgent first, as the service names them. */
enum Severity {
    INFO, WARNING, HIGH, CRITICAL;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This severity and every more urgent one. */
    List<Severity> andAbove() {
        return Arrays.asList(values()).subList(ordinal(), values().length);
    }
}
