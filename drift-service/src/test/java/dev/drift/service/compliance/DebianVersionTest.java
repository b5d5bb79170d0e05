package dev.drift.service.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DebianVersionTest {

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
            "1.0, 1.1",
            "1.9, 1.10",
            "1.0~rc1, 1.0",
            "1.0~~, 1.0~",
            "1.0, 1.0a",
            "1.0, 1.0+deb12u1",
            "1.0a, 1.0+",
            "8.9p1, 8.10p1",
            "9.9, 1:0.1",
            "1:8.9p1-3ubuntu0.7, 1:8.9p1-3ubuntu0.10",
            "1:8.9p1-3ubuntu0.10, 1:9.2p1-2+deb12u3",
            "1:8.9p1, 1:8.9p1-3ubuntu0.7",
            "8.7p1-34.el9, 8.7p1-38.el9",
            "5.14.0-362.el9, 5.14.0-427.el9",
    })
    void ordersAsDpkgDoes(String older, String newer) {
        assertThat(DebianVersion.parse(older)).isLessThan(DebianVersion.parse(newer));
        assertThat(DebianVersion.parse(newer)).isGreaterThan(DebianVersion.parse(older));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "1.2-3, 0:1.2-3",
            "1.02, 1.2",
            "1.2, 1.2-0",
            "' 2.0 ', 2.0",
    })
    void treatsDefaultEpochLeadingZerosAndMissingRevisionAsEqual(String a, String b) {
        assertThat(DebianVersion.parse(a)).isEqualByComparingTo(DebianVersion.parse(b));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "x:1.0", "1.0 beta", "1.0-", "1.0-r/1", ":1.0"})
    void refusesWhatIsNotAVersion(String text) {
        assertThatThrownBy(() -> DebianVersion.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a version");
    }
}
