package dev.drift.service.compliance;

import java.util.Objects;

/** The result of checking one item. */
sealed interface ItemOutcome {

    /** The value satisfies the rule. */
    record Pass() implements ItemOutcome {
    }

    /** The value definitely breaks the rule; {@code actual} is how it is displayed. */
    record Fail(String actual) implements ItemOutcome {
        public Fail {
            Objects.requireNonNull(actual, "actual");
        }
    }

    /** The value is not known or cannot be read for this rule. */
    record Unknown(String reason) implements ItemOutcome {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
