package dev.drift.service.diff;

import static dev.drift.service.diff.Values.exact;
import static dev.drift.service.diff.Values.items;
import static dev.drift.service.diff.Values.number;
import static dev.drift.service.diff.Values.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SettingNormalizerTest {
    private final SettingNormalizer normalizer = new SettingNormalizer();

    @Test
    void sshdKeywordIgnoresCaseAndSurroundingSpace() {
        assertThat(normalizer.normalize(text("No "))).isEqualTo(normalizer.normalize(text("no")));
    }

    @Test
    void innerWhitespaceRunsCollapseToOneSpace() {
        assertThat(normalizer.normalize(text("32768\t  60999"))).isEqualTo(exact("32768 60999"));
    }

    @Test
    void surroundingDoubleQuotesAreRemoved() {
        assertThat(normalizer.normalize(text("\" prohibit-password \""))).isEqualTo(exact("prohibit-password"));
    }

    @Test
    void lonelyQuoteIsKept() {
        assertThat(normalizer.normalize(text("\""))).isEqualTo(exact("\""));
    }

    @Test
    void yesAndNoStayDifferent() {
        assertThat(normalizer.normalize(text("yes"))).isNotEqualTo(normalizer.normalize(text("no")));
    }

    @Test
    void numericSysctlEqualsItsText() {
        assertThat(normalizer.normalize(number("1"))).isEqualTo(normalizer.normalize(text(" 1")));
    }

    @Test
    void multiValuedSettingIsJoinedWithSpaces() {
        assertThat(normalizer.normalize(items("32768", "60999"))).isEqualTo(exact("32768 60999"));
    }
}
