package dev.drift.service.diff;

import static dev.drift.service.diff.Values.decimal;
import static dev.drift.service.diff.Values.number;
import static dev.drift.service.diff.Values.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumberNormalizerTest {
    private final NumberNormalizer normalizer = new NumberNormalizer();

    @Test
    void numericTextEqualsTheNumber() {
        assertThat(normalizer.normalize(text("4"))).isEqualTo(normalizer.normalize(number("4")));
    }

    @Test
    void trailingZerosDoNotMatter() {
        assertThat(normalizer.normalize(text("4.0"))).isEqualTo(decimal("4"));
        assertThat(normalizer.normalize(number("4.00"))).isEqualTo(decimal("4"));
    }

    @Test
    void zeroInAnyScaleIsZero() {
        assertThat(normalizer.normalize(text("0.00"))).isEqualTo(normalizer.normalize(number("0")));
    }

    @Test
    void nonNumericTextFails() {
        assertThat(normalizer.normalize(text("four"))).isInstanceOf(Normalized.Failed.class);
    }
}
