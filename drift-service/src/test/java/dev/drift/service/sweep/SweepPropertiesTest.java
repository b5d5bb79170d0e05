package dev.drift.service.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.service.support.NoServers;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepPropertiesTest {

    @Test
    void defaultsSweepEveryDayAtSixUtcLookingEveryThirtySeconds() {
        // Without the test environment, whose configuration switches the schedule off.
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .properties(NoServers.with(Map.of())).start()) {
            SweepProperties properties = context.getBean(SweepProperties.class);
            assertThat(properties)
                    .isEqualTo(new SweepProperties(true, "0 0 6 * * *", "UTC", Duration.ofSeconds(30)));
            assertThat(properties.schedule().nextAfter(Instant.parse("2026-12-06T06:00:00Z")))
                    .isEqualTo(Instant.parse("2026-12-07T06:00:00Z"));
        }
    }

    @Test
    void bindsEveryMember() {
        try (ApplicationContext context = ApplicationContext.run(NoServers.with(Map.of(
                "drift.sweep.enabled", "false", "drift.sweep.cron", "0 30 2 * * SUN",
                "drift.sweep.zone", "Europe/Berlin", "drift.sweep.tick", "5s")))) {
            assertThat(context.getBean(SweepProperties.class))
                    .isEqualTo(new SweepProperties(false, "0 30 2 * * SUN", "Europe/Berlin", Duration.ofSeconds(5)));
        }
    }

    @Test
    void theServiceDoesNotStartWithABadCron() {
        assertThatThrownBy(() -> ApplicationContext.run(NoServers.with(Map.of("drift.sweep.cron", "0 0 6 * *")))
                .close())
                .hasStackTraceContaining("invalid drift.sweep settings: cron expression '0 0 6 * *' has 5 fields");
    }

    @Test
    void theServiceDoesNotStartWithAnUnknownZone() {
        assertThatThrownBy(() -> ApplicationContext.run(NoServers.with(Map.of("drift.sweep.zone", "Europe/Atlantis")))
                .close())
                .hasStackTraceContaining("invalid drift.sweep settings: time zone 'Europe/Atlantis' is unknown");
    }

    @Test
    void theServiceDoesNotStartWithANonPositiveTick() {
        assertThatThrownBy(() -> ApplicationContext.run(NoServers.with(Map.of("drift.sweep.tick", "0s"))).close())
                .hasStackTraceContaining("invalid drift.sweep settings: tick must be positive");
    }

    @Test
    void badValuesAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> new SweepProperties(true, "0 0 24 * * *", "UTC", Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid drift.sweep settings: cron expression '0 0 24 * * *': "
                        + "hour value 24 is not within 0-23");
        assertThatThrownBy(() -> new SweepProperties(true, "0 0 6 * * *", "UTC", Duration.ofSeconds(-1)))
                .hasMessageContaining("tick must be positive");
    }
}
