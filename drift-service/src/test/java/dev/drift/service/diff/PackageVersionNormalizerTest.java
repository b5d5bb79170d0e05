package dev.drift.service.diff;

import static dev.drift.service.diff.Values.absent;
import static dev.drift.service.diff.Values.exact;
import static dev.drift.service.diff.Values.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PackageVersionNormalizerTest {
    private final PackageVersionNormalizer normalizer = new PackageVersionNormalizer();

    @ParameterizedTest
    @ValueSource(strings = {"absent", "Not Installed", "NONE", " none "})
    void notInstalledWordsMeanAbsent(String raw) {
        assertThat(normalizer.normalize(text(raw))).isEqualTo(Normalized.absent());
    }

    @Test
    void absentValueIsAbsent() {
        assertThat(normalizer.normalize(absent())).isEqualTo(Normalized.absent());
    }

    @Test
    void defaultEpochIsDropped() {
        assertThat(normalizer.normalize(text("0:8.9p1-3"))).isEqualTo(exact("8.9p1-3"));
    }

    @Test
    void nonDefaultEpochIsKept() {
        assertThat(normalizer.normalize(text("1:8.9p1-3"))).isEqualTo(exact("1:8.9p1-3"));
    }

    @Test
    void versionsOtherwiseCompareExactly() {
        assertThat(normalizer.normalize(text("1.2"))).isNotEqualTo(normalizer.normalize(text("1.2.0")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"present", "Installed", "any"})
    void desiredPresentAcceptsAnyInstalledVersionButNotAbsence(String raw) {
        Canonical wanted = ok(normalizer.normalizeDesired(text(raw)));

        assertThat(wanted.accepts(ok(normalizer.normalize(text("2.4.1-1"))))).isTrue();
        assertThat(wanted.accepts(ok(normalizer.normalize(text("not installed"))))).isFalse();
    }

    @Test
    void observedPresentIsJustAVersionString() {
        assertThat(normalizer.normalize(text("present"))).isEqualTo(exact("present"));
    }

    @Test
    void emptyVersionFails() {
        assertThat(normalizer.normalize(text("0:"))).isInstanceOf(Normalized.Failed.class);
    }

    private static Canonical ok(Normalized normalized) {
        assertThat(normalized).isInstanceOf(Normalized.Ok.class);
        return ((Normalized.Ok) normalized).value();
    }
}
