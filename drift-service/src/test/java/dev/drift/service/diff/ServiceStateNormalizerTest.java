package dev.drift.service.diff;

import static dev.drift.service.diff.Values.exact;
import static dev.drift.service.diff.Values.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceStateNormalizerTest {
    private final ServiceStateNormalizer normalizer = new ServiceStateNormalizer();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"running,running", "started,running", "Active,running",
        "stopped,stopped", "inactive,stopped", "dead,stopped", "exited,stopped", "failed,failed"})
    void systemdAndAnsibleWordsBecomeRunningOrStopped(String raw, String canonical) {
        assertThat(normalizer.normalize(text(raw))).isEqualTo(exact(canonical));
    }

    @Test
    void failedServiceIsNotTheSameAsRunning() {
        assertThat(normalizer.normalize(text("failed"))).isNotEqualTo(normalizer.normalize(text("running")));
    }

    @Test
    void unrecognisedStateFails() {
        assertThat(normalizer.normalize(text("reloading"))).isInstanceOf(Normalized.Failed.class);
    }
}
