package dev.drift.service.diff;

import static dev.drift.service.diff.Values.exact;
import static dev.drift.service.diff.Values.number;
import static dev.drift.service.diff.Values.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BooleanNormalizerTest {
    private final BooleanNormalizer normalizer = new BooleanNormalizer();

    @ParameterizedTest
    @ValueSource(strings = {"true", "YES", "on", "enabled", "1"})
    void truthyWordsAreTrue(String raw) {
        assertThat(normalizer.normalize(text(raw))).isEqualTo(exact(true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "No", "off", "disabled", "0"})
    void falsyWordsAreFalse(String raw) {
        assertThat(normalizer.normalize(text(raw))).isEqualTo(exact(false));
    }

    @Test
    void numberOneIsTrue() {
        assertThat(normalizer.normalize(number("1"))).isEqualTo(exact(true));
    }

    @Test
    void otherWordsFail() {
        assertThat(normalizer.normalize(text("maybe"))).isInstanceOf(Normalized.Failed.class);
    }
}
