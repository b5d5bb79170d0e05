package dev.drift.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.service.ingest.MalformedEntries.Outcome;
import dev.drift.service.ingest.MalformedEntries.Sample;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The fault-injection generator against the decoder alone: each malformed sample is invalid for the
 * reason it claims, each other sample decodes, so {@link MalformedInputIT} tests the service and
 * not the generator.
 */
class MalformedEntriesTest {
    private final EventDecoder decoder = new EventDecoder();

    @Test
    void malformedSamplesAreInvalidForTheirReasonAndTheOthersDecode() {
        List<Sample> samples = new MalformedEntries(7).mix(600, 2, 20);
        SoftAssertions softly = new SoftAssertions();

        for (Sample s : samples) {
            Map<String, byte[]> fields = s.fields().get();
            Decoded decoded = decoder.decode(StreamEntry.fromBytes(s.stream(), "1700000000000-0", fields));
            if (s.kind().outcome == Outcome.DEAD_LETTER) {
                softly.assertThat(decoded).as("%s %s %s", s.kind(), s.stream(), s.ci()).isInstanceOf(Decoded.Invalid.class);
                if (decoded instanceof Decoded.Invalid invalid) {
                    s.mentions().forEach(m -> softly.assertThat(invalid.reason())
                            .as("%s %s %s", s.kind(), s.stream(), s.ci()).containsIgnoringCase(m));
                }
            } else {
                softly.assertThat(decoded).as("%s %s %s: %s", s.kind(), s.stream(), s.ci(), decoded)
                        .isInstanceOf(Decoded.Valid.class);
            }
        }
        softly.assertAll();
        assertThat(samples).extracting(Sample::kind).containsAll(List.of(MalformedEntries.Kind.values()));
    }

    @Test
    void theSameSeedGivesTheSameEntries() {
        List<Sample> one = new MalformedEntries(11).mix(50, 1, 5);
        List<Sample> two = new MalformedEntries(11).mix(50, 1, 5);

        assertThat(one).extracting(Sample::ci).containsExactlyElementsOf(two.stream().map(Sample::ci).toList());
        for (int i = 0; i < one.size(); i++) {
            Map<String, byte[]> a = one.get(i).fields().get();
            Map<String, byte[]> b = two.get(i).fields().get();
            assertThat(a.keySet()).isEqualTo(b.keySet());
            a.forEach((k, v) -> assertThat(b.get(k)).isEqualTo(v));
        }
    }
}
