package dev.drift.service.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActualStateTest {
    private static final CiKey CI = CiKey.of("host-1");
    private static final FieldPath OPENSSL = FieldPath.parse("package[openssl].version");
    private static final FieldPath TELNETD = FieldPath.parse("package[telnetd].version");
    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-01-01T01:00:00Z");

    @Test
    void fieldNeverObservedIsUnknown() {
        assertThat(ActualState.empty(CI).reading(OPENSSL)).isInstanceOf(ActualReading.Unknown.class);
    }

    @Test
    void fieldReportedChangedWithoutValueIsUnknown() {
        ActualState state = new ActualState(CI, Map.of(OPENSSL,
                new ActualState.ActualRow(new Observed.Unknown("no hash"), "s/1", T1)), Map.of());

        assertThat(state.reading(OPENSSL)).isEqualTo(new ActualReading.Unknown("no hash"));
    }

    @Test
    void completeReportThatOmitsAFieldMakesItAbsent() {
        ActualState state = new ActualState(CI, Map.of(), Map.of("package[", new ActualState.CoverageRow("s/2", T2)));

        assertThat(state.reading(TELNETD)).isEqualTo(new ActualReading.Known(FieldValue.absent(), "s/2", T2));
    }

    @Test
    void newerCompleteReportOverridesAnOlderReadingOfAnOmittedField() {
        ActualState state = new ActualState(CI,
                Map.of(TELNETD, new ActualState.ActualRow(new Observed.Value(FieldValue.text("0.17")), "s/1", T1)),
                Map.of("package[", new ActualState.CoverageRow("s/2", T2)));

        assertThat(state.reading(TELNETD)).isEqualTo(new ActualReading.Known(FieldValue.absent(), "s/2", T2));
    }

    @Test
    void readingNewerThanTheCompleteReportWins() {
        ActualState state = new ActualState(CI,
                Map.of(OPENSSL, new ActualState.ActualRow(new Observed.Value(FieldValue.text("3.0.15")), "s/3", T2)),
                Map.of("package[", new ActualState.CoverageRow("s/2", T1)));

        assertThat(state.reading(OPENSSL)).isEqualTo(new ActualReading.Known(FieldValue.text("3.0.15"), "s/3", T2));
    }
}
