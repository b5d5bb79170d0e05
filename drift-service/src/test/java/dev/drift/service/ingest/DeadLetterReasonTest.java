package dev.drift.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.service.system.DriftMetrics.DeadLetterReason;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterReasonTest {
    private final EventDecoder decoder = new EventDecoder();

    @Test
    void malformedJsonIsUndecodable() {
        assertThat(DeadLetters.reasonOf(reason(Map.of("payload", "{not json")))).isEqualTo(DeadLetterReason.UNDECODABLE);
    }

    @Test
    void payloadAgainstTheSchemaIsSchema() {
        assertThat(DeadLetters.reasonOf(reason(Map.of("payload", "{\"ci_id\":\"vm-1\",\"power_state\":42}"))))
                .isEqualTo(DeadLetterReason.SCHEMA);
    }

    @Test
    void entryDeliveredTooOftenIsPoison() {
        assertThat(DeadLetters.reasonOf("poison: delivered 5 times without being processed"))
                .isEqualTo(DeadLetterReason.POISON);
    }

    private String reason(Map<String, String> fields) {
        return ((Decoded.Invalid) decoder.decode("vm.power_changed", "1700000000000-0", fields)).reason();
    }
}
