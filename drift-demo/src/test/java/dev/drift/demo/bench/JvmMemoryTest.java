package dev.drift.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class JvmMemoryTest {

    @Test
    void readsTheResidentSetFromProcStatus() {
        String status = """
                Name:\tjava
                VmPeak:\t 3456789 kB
                VmHWM:\t  210000 kB
                VmRSS:\t  187654 kB
                RssAnon:\t  150000 kB
                """;

        assertThat(JvmMemory.rssKb(status)).isEqualTo(187_654);
    }

    @Test
    void sumsTheHeapSpacesOfJstat() {
        String jstat = """
                    S0C         S1C         S0U         S1U          EC           EU           OC           OU          MC         MU       CCSC      CCSU     YGC     YGCT     FGC    FGCT     CGC    CGCT       GCT
                        0.0     16384.0         0.0     15757.3     135168.0     229376.0     458752.0     114288.3    63168.0    62520.4    8768.0    8488.6     19     1.623     0     0.000     4     0.021     1.644
                """;

        JvmMemory.Heap heap = JvmMemory.heap(jstat);

        assertThat(heap.usedKb()).isCloseTo(15_757.3 + 229_376.0 + 114_288.3, within(1e-6));
        assertThat(heap.committedKb()).isCloseTo(16_384.0 + 135_168.0 + 458_752.0, within(1e-6));
        assertThat(heap.metaspaceKb()).isCloseTo(62_520.4, within(1e-6));
    }

    @Test
    void refusesOutputWithoutFigures() {
        assertThatThrownBy(() -> JvmMemory.heap("could not attach\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JvmMemory.rssKb("Name:\tjava\n")).isInstanceOf(IllegalArgumentException.class);
    }
}
