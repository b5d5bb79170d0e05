package dev.drift.service.diff;

import static dev.drift.service.diff.Values.exact;
import static dev.drift.service.diff.Values.items;
import static dev.drift.service.diff.Values.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PowerStateNormalizerTest {
    private final PowerStateNormalizer normalizer = new PowerStateNormalizer();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "on,on", "running,on", "poweredOn,on", "ACTIVE,on", "up,on", "Started,on",
        "off,off", "stopped,off", "poweredOff,off", "shutoff,off", "shutdown,off", "halted,off", "offline,off",
        "suspended,suspended", "paused,suspended", "hibernated,suspended"})
    void sourceSpecificWordsBecomeOneOfThreeStates(String raw, String canonical) {
        assertThat(normalizer.normalize(text(raw))).isEqualTo(exact(canonical));
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertThat(normalizer.normalize(text(" Running\n"))).isEqualTo(exact("on"));
    }

    @Test
    void unrecognisedStateFailsAndNamesTheValue() {
        assertThat(normalizer.normalize(text("rebooting")))
                .isInstanceOfSatisfying(Normalized.Failed.class,
                        f -> assertThat(f.reason()).contains("'rebooting'").contains("power state"));
    }

    @Test
    void listFails() {
        assertThat(normalizer.normalize(items("on", "off"))).isInstanceOf(Normalized.Failed.class);
    }
}
