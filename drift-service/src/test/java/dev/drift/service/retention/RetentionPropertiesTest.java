package dev.drift.service.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.service.support.NoServers;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionPropertiesTest {

    @Test
    void defaultsKeepNinetyDaysOfHistoryAndAWeekOfPublishedMessages() {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .properties(NoServers.with(Map.of())).start()) {
            RetentionProperties properties = context.getBean(RetentionProperties.class);

            assertThat(properties.history()).isEqualTo(Duration.ofDays(90));
            assertThat(properties.outbox()).isEqualTo(Duration.ofDays(7));
            assertThat(properties.interval()).isEqualTo(Duration.ofHours(1));
            assertThat(properties.batchSize()).isEqualTo(5000);
        }
    }

    @Test
    void aRetentionTooShortToBeMeantIsRefusedByName() {
        assertThatThrownBy(() -> new RetentionProperties(Duration.ofHours(2), Duration.ofDays(7), Duration.ofHours(1), 10))
                .hasMessageContaining("drift.retention").hasMessageContaining("history must be at least 1d");
        assertThatThrownBy(() -> new RetentionProperties(Duration.ofDays(90), Duration.ofDays(7), Duration.ZERO, 10))
                .hasMessageContaining("interval must be positive");
        assertThatThrownBy(() -> new RetentionProperties(Duration.ofDays(90), Duration.ofDays(7), Duration.ofHours(1), 0))
                .hasMessageContaining("batch-size must be positive");
    }
}
