package dev.drift.demo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * One row of the table {@code ./drift bench-all} prints: each benchmark records its headline figures
 * here, and they are appended, tab-separated, to the file named by {@code DRIFT_BENCH_SUMMARY}.
 * Without that variable (a benchmark run on its own) nothing is written.
 *
 * @param bench    which benchmark, e.g. {@code ingest}
 * @param measure  what was measured, with its unit
 * @param value    the figure
 * @param baseline what it is compared with in the same run, or {@code -}
 * @param ratio    value over baseline, or {@code -}
 * @param goal     the goal, or {@code -}
 * @param met      whether the goal is met
 */
record BenchSummary(String bench, String measure, String value, String baseline, String ratio, String goal,
                    Met met) {
    static final String FILE_VARIABLE = "DRIFT_BENCH_SUMMARY";

    /** Whether a figure meets its goal; {@code NONE} for figures without one. */
    enum Met {
        YES("yes"), NO("**no**"), NONE("-");

        private final String text;

        Met(String text) {
            this.text = text;
        }

        static Met of(boolean met) {
            return met ? YES : NO;
        }
    }

    static String number(double value, String format) {
        return String.format(Locale.ROOT, format, value);
    }

    /** Appends the row to the summary file when one is named. */
    void record() {
        String file = System.getenv(FILE_VARIABLE);
        if (file == null || file.isBlank()) {
            return;
        }
        try {
            Files.writeString(Path.of(file), line(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    String line() {
        return String.join("\t", bench, measure, value, baseline, ratio, goal, met.text) + "\n";
    }
}
