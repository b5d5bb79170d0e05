package dev.drift.service.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The idempotency key is the drift, the transition and the target, which drift_action's unique index holds. */
class NewActionTest {
    private static final UUID DRIFT = UUID.fromString("7f1c2d3e-0000-4000-8000-000000000001");

    @Test
    void theKeyIsDriftTransitionAndTarget() {
        NewAction action = NewAction.due(DRIFT, ActionKind.NOTIFY, "slack", "opened",
                JsonNodeFactory.instance.objectNode(), Instant.EPOCH);

        assertThat(action.idempotencyKey()).isEqualTo(DRIFT + ":opened:slack");
        assertThat(action.skipped("report only").idempotencyKey()).isEqualTo(action.idempotencyKey());
        assertThat(action.onlyIfAnnounced().idempotencyKey()).isEqualTo(action.idempotencyKey());
    }

    @Test
    void aKeyThatIsNotDriftTransitionAndTargetIsRefused() {
        assertThatThrownBy(() -> new NewAction(DRIFT, ActionKind.NOTIFY, "slack", "opened", "something-else",
                JsonNodeFactory.instance.objectNode(), Optional.empty(), Instant.EPOCH, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("something-else");
    }
}
