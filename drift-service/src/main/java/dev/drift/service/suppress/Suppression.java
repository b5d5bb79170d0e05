package dev.drift.service.suppress;

import dev.drift.service.ledger.DriftStatus;
import java.util.UUID;

/** Why a drift is recorded but not acted on: an approved exception, or an approved change window. */
public sealed interface Suppression {

    /** The status such a drift has. */
    DriftStatus status();

    /** How it is stored on the drift ({@code suppressed_by}): {@code exception:<id>} or {@code change:<change id>}. */
    String ref();

    /** An approved, unexpired exception covers the drift: {@code excepted}. */
    record Excepted(UUID exceptionId) implements Suppression {
        @Override
        public DriftStatus status() {
            return DriftStatus.EXCEPTED;
        }

        @Override
        public String ref() {
            return "exception:" + exceptionId;
        }
    }

    /** An approved change is in its window for the CI and field: {@code expected}. */
    record Expected(String changeId) implements Suppression {
        @Override
        public DriftStatus status() {
            return DriftStatus.EXPECTED;
        }

        @Override
        public String ref() {
            return "change:" + changeId;
        }
    }
}
