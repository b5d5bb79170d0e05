package dev.drift.service.diff;

import static dev.drift.service.diff.Values.decimal;
import static dev.drift.service.diff.Values.items;
import static dev.drift.service.diff.Values.number;
import static dev.drift.service.diff.Values.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SizeNormalizerTest {
    private final SizeNormalizer memory = SizeNormalizer.megabytes();
    private final SizeNormalizer disk = SizeNormalizer.gigabytes();

    @ParameterizedTest
    @ValueSource(strings = {"8 GiB", "8G", "8GB", "8gb", "8192 MB", "8192MiB", "8192", " 8192 ", "8388608 KiB",
        "8388608 kB", "8589934592 B", "0.0078125 TB"})
    void memoryInAnyUnitIsTheSameAmountInMb(String raw) {
        assertThat(memory.normalize(text(raw))).isEqualTo(decimal("8192"));
    }

    @Test
    void memoryInGibEqualsSameAmountInMb() {
        assertThat(memory.normalize(text("8 GiB"))).isEqualTo(memory.normalize(number("8192")));
    }

    @Test
    void gigabytesAreBinaryNotDecimal() {
        assertThat(memory.normalize(text("1 GB"))).isEqualTo(decimal("1024"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"100", "100 GiB", "100G", "102400 MB", "0.09765625 TB", "100.0"})
    void diskInAnyUnitIsTheSameAmountInGb(String raw) {
        assertThat(disk.normalize(text(raw))).isEqualTo(decimal("100"));
    }

    @Test
    void fractionOfTerabyteIsExactInGb() {
        assertThat(disk.normalize(text("0.1 TB"))).isEqualTo(decimal("102.4"));
    }

    @Test
    void bareNumberIsInTheFieldsUnit() {
        assertThat(disk.normalize(number("100"))).isEqualTo(decimal("100"));
        assertThat(memory.normalize(number("100"))).isEqualTo(decimal("100"));
    }

    @Test
    void differentAmountsStayDifferent() {
        assertThat(memory.normalize(text("4 GiB"))).isNotEqualTo(memory.normalize(number("8192")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"eight gigs", "8 bananas", "", "-8 GB", "8 GB 4 MB", "GB"})
    void unparseableSizeFails(String raw) {
        assertThat(memory.normalize(text(raw))).isInstanceOf(Normalized.Failed.class);
    }

    @Test
    void unknownUnitIsNamedInTheReason() {
        assertThat(memory.normalize(text("8 bananas")))
                .isInstanceOfSatisfying(Normalized.Failed.class, f -> assertThat(f.reason()).contains("'bananas'"));
    }

    @Test
    void negativeNumberFails() {
        assertThat(memory.normalize(number("-1"))).isInstanceOf(Normalized.Failed.class);
    }

    @Test
    void listFails() {
        assertThat(memory.normalize(items("8", "GB"))).isInstanceOf(Normalized.Failed.class);
    }
}
