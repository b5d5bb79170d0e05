package dev.drift.service.diff;

import static dev.drift.service.diff.Values.absent;
import static dev.drift.service.diff.Values.exact;
import static dev.drift.service.diff.Values.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AbsentAwareTest {
    private final AbsentAware normalizer = new AbsentAware(new TextNormalizer());

    @Test
    void absentTextInAnyCaseIsAbsent() {
        assertThat(normalizer.normalize(text(" ABSENT "))).isEqualTo(Normalized.absent());
        assertThat(normalizer.normalizeDesired(text("Absent"))).isEqualTo(Normalized.absent());
    }

    @Test
    void absentValueIsAbsentEvenForNormalizersThatRejectIt() {
        AbsentAware hash = new AbsentAware(new HashNormalizer());

        assertThat(hash.normalize(absent())).isEqualTo(Normalized.absent());
    }

    @Test
    void otherValuesGoToTheWrappedNormalizer() {
        assertThat(normalizer.normalize(text(" present "))).isEqualTo(exact("present"));
    }

    @Test
    void absentIsNotEmptyText() {
        assertThat(normalizer.normalize(text(""))).isNotEqualTo(Normalized.absent());
    }

    @Test
    void defaultTextIsCaseSensitive() {
        assertThat(normalizer.normalize(text("AMS1"))).isNotEqualTo(normalizer.normalize(text("ams1")));
    }
}
