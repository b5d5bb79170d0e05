package dev.drift.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamEntryTest {

    @Test
    void aValueHoldingTheReplacementCharacterOnPurposeIsUtf8() {
        StreamEntry entry = StreamEntry.fromBytes("compliance.check_result", "1-0",
                Map.of("payload", "{\"details\":\"caf\uFFFD\"}".getBytes(StandardCharsets.UTF_8)));

        assertThat(entry.notUtf8()).isEmpty();
        assertThat(entry.fields()).containsEntry("payload", "{\"details\":\"caf\uFFFD\"}");
    }

    @Test
    void aValueWithBytesThatAreNotUtf8IsNamedWithTheByteAndItsOffset() {
        byte[] payload = {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, '(', '"', '}'};

        StreamEntry entry = StreamEntry.fromBytes("vm.power_changed", "1-0",
                Map.of("payload", payload, "ci_id", "vm-1".getBytes(StandardCharsets.UTF_8)));

        assertThat(entry.notUtf8()).containsExactly("payload: byte 0xc3 at offset 6");
        assertThat(entry.fields()).containsEntry("payload", "{\"a\":\"\uFFFD(\"}").containsEntry("ci_id", "vm-1");
    }

    @Test
    void badBytesPastTheFirstDecodingChunkAreFound() {
        byte[] payload = new byte[20_000];
        Arrays.fill(payload, (byte) 'a');
        payload[19_999] = (byte) 0xff;

        StreamEntry entry = StreamEntry.fromBytes("vm.power_changed", "1-0", Map.of("payload", payload));

        assertThat(entry.notUtf8()).containsExactly("payload: byte 0xff at offset 19999");
    }
}
