package dev.drift.service.diff;

import static dev.drift.service.diff.Values.exact;
import static dev.drift.service.diff.Values.number;
import static dev.drift.service.diff.Values.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HashNormalizerTest {
    private static final String DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private final HashNormalizer normalizer = new HashNormalizer();

    @Test
    void prefixedUpperCaseHashEqualsPlainLowerCase() {
        assertThat(normalizer.normalize(text("SHA256:" + DIGEST.toUpperCase()))).isEqualTo(exact(DIGEST));
        assertThat(normalizer.normalize(text(" " + DIGEST + "\n"))).isEqualTo(exact(DIGEST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "9f86d081", "md5:d41d8cd98f00b204e9800998ecf8427e",
        "zz86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"})
    void anythingButSixtyFourHexDigitsFails(String raw) {
        assertThat(normalizer.normalize(text(raw))).isInstanceOf(Normalized.Failed.class);
    }

    @Test
    void numberIsNotAHash() {
        assertThat(normalizer.normalize(number("42"))).isInstanceOf(Normalized.Failed.class);
    }
}
