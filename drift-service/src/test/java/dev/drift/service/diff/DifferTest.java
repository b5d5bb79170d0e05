package dev.drift.service.diff;

import static dev.drift.service.diff.Values.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.service.model.ActualState;
import dev.drift.service.model.CiKey;
import dev.drift.service.model.DesiredField;
import dev.drift.service.model.DesiredState;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldPattern;
import dev.drift.service.model.FieldValue;
import dev.drift.service.model.Observed;
import dev.drift.service.model.Provenance;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DifferTest {
    private static final CiKey CI = CiKey.of("vm-1");
    private static final Instant AT = Instant.parse("2024-05-01T10:00:00Z");
    private static final Provenance CMDB = new Provenance("file", "ci-file", "vm-1.yaml", "x");

    private final Map<FieldPath, DesiredField> desired = new HashMap<>();
    private final Map<FieldPath, ActualState.ActualRow> actual = new HashMap<>();

    @Test
    void fieldsComeInCanonicalPathOrder() {
        want("vcpus", text("2"));
        want("memory_mb", text("1024"));
        want("interface[eth0].mtu", text("1500"));

        DiffResult result = new Differ(List.of()).diff(desiredState(List.of()), actualState());

        assertThat(result.fields()).extracting(f -> f.path().toString())
                .containsExactly("interface[eth0].mtu", "memory_mb", "vcpus");
    }

    @Test
    void unparseableActualIsUnknownWithReasonNamingValueAndWhy() {
        want("memory_mb", text("8192"));
        see("memory_mb", text("lots"));

        DiffResult result = new Differ(List.of()).diff(desiredState(List.of()), actualState());

        assertThat(result.unknown()).singleElement().satisfies(u -> assertThat(u.reason())
                .contains("actual value 'lots'").contains("size in MB").contains("is not a size"));
        assertThat(result.inSync()).isEmpty();
    }

    @Test
    void unparseableDesiredIsUnknownNotDrift() {
        want("power_state", text("sideways"));
        see("power_state", text("on"));

        DiffResult result = new Differ(List.of()).diff(desiredState(List.of()), actualState());

        assertThat(result.unknown()).singleElement()
                .satisfies(u -> assertThat(u.reason()).startsWith("desired value 'sideways'"));
        assertThat(result.drifted()).isEmpty();
    }

    @Test
    void neverObservedFieldIsUnknown() {
        want("power_state", text("on"));

        DiffResult result = new Differ(List.of()).diff(desiredState(List.of()), actualState());

        assertThat(result.unknown()).singleElement().satisfies(u -> assertThat(u.reason()).isEqualTo("never observed"));
    }

    @Test
    void reportedUnknownKeepsTheObservationReason() {
        want("file[/etc/hosts].sha256", text("absent"));
        actual.put(FieldPath.parse("file[/etc/hosts].sha256"),
                new ActualState.ActualRow(new Observed.Unknown("MODIFY without hash"), "inotify", AT));

        DiffResult result = new Differ(List.of()).diff(desiredState(List.of()), actualState());

        assertThat(result.unknown()).singleElement()
                .satisfies(u -> assertThat(u.reason()).isEqualTo("MODIFY without hash"));
    }

    @Test
    void globalRuleWinsOverCiRuleAndNamesItsGlob() {
        want("uptime_seconds", text("1"));
        see("uptime_seconds", text("2"));

        DiffResult result = new Differ(List.of(FieldPattern.of("uptime*")))
                .diff(desiredState(List.of(FieldPattern.of("*"))), actualState());

        assertThat(result.fields()).containsExactly(new FieldDiff.Ignored(FieldPath.of("uptime_seconds"), "uptime*"));
    }

    @Test
    void ciRuleIgnoresOnlyThatCisFields() {
        want("site", text("ams1"));
        see("site", text("fra1"));

        Differ differ = new Differ(List.of());

        assertThat(differ.diff(desiredState(List.of(FieldPattern.of("si*"))), actualState()).fields())
                .containsExactly(new FieldDiff.Ignored(FieldPath.of("site"), "si*"));
        assertThat(differ.diff(desiredState(List.of()), actualState()).drifted()).hasSize(1);
    }

    @Test
    void driftedVerdictCarriesBothRawValues() {
        want("power_state", text("on"));
        see("power_state", text("shutoff"));

        DiffResult result = new Differ(List.of()).diff(desiredState(List.of()), actualState());

        assertThat(result.drifted()).singleElement().satisfies(d -> {
            assertThat(d.desired().value()).isEqualTo(text("on"));
            assertThat(d.actual().value()).isEqualTo(text("shutoff"));
            assertThat(d.actual().observedAt()).isEqualTo(AT);
        });
    }

    @Test
    void normalizerThatThrowsYieldsUnknownNotAnAbortedDiff() {
        FieldNormalizer broken = new FieldNormalizer() {
            @Override
            public String kind() {
                return "broken";
            }

            @Override
            public Normalized normalize(FieldValue value) {
                throw new IllegalStateException("bug");
            }
        };
        NormalizerRegistry registry = NormalizerRegistry.defaults()
                .withRule(new PathSelector.RootName("site"), broken);
        want("site", text("ams1"));
        want("vcpus", text("2"));
        see("site", text("ams1"));
        see("vcpus", text("2"));

        DiffResult result = new Differ(List.of(), registry).diff(desiredState(List.of()), actualState());

        assertThat(result.unknown()).singleElement()
                .satisfies(u -> assertThat(u.reason()).contains("bug"));
        assertThat(result.inSync()).extracting(f -> f.path().toString()).containsExactly("vcpus");
    }

    @Test
    void observedButUndesiredFieldsAreNotReported() {
        see("site", text("ams1"));

        assertThat(new Differ(List.of()).diff(desiredState(List.of()), actualState()).fields()).isEmpty();
    }

    @Test
    void refusesToCompareDifferentCis() {
        ActualState other = ActualState.empty(CiKey.of("vm-2"));

        assertThatThrownBy(() -> new Differ(List.of()).diff(desiredState(List.of()), other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vm-2");
    }

    private void want(String path, FieldValue value) {
        desired.put(FieldPath.parse(path), new DesiredField(value, CMDB));
    }

    private void see(String path, FieldValue value) {
        actual.put(FieldPath.parse(path), new ActualState.ActualRow(new Observed.Value(value), "test", AT));
    }

    private DesiredState desiredState(List<FieldPattern> ignore) {
        return new DesiredState(CI, "vm", desired, ignore);
    }

    private ActualState actualState() {
        return new ActualState(CI, actual, Map.of());
    }
}
