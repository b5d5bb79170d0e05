package dev.drift.service.actions.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.service.actions.NotificationChannel;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Channels as an operator writes them under drift.notify.channels, bound without a database. */
class ChannelPropertiesBindingTest {
    private static final String WEBHOOK = "https://hooks.slack.com/services/T000/B000/XXXXwebhooksecret";

    @Test
    void eachConfiguredChannelBecomesANamedChannelBeanWithDefaults() {
        try (ApplicationContext context = ApplicationContext.run(settings(Map.of(
                "drift.notify.channels.default.type", "console",
                "drift.notify.channels.ops.type", "slack",
                "drift.notify.channels.ops.webhook-url", WEBHOOK,
                "drift.notify.channels.ops.rate-limit", "5")))) {

            assertThat(context.getBeansOfType(NotificationChannel.class))
                    .extracting(NotificationChannel::name).containsExactlyInAnyOrder("default", "ops");
            assertThat(context.getBean(NotificationChannel.class, Qualifiers.byName("ops")))
                    .isInstanceOf(SlackChannel.class);
            ChannelProperties ops = context.getBean(ChannelProperties.class, Qualifiers.byName("ops"));
            assertThat(ops.rateLimit()).isEqualTo(5);
            assertThat(ops.digestThreshold()).isEqualTo(5);
            assertThat(ops.maxDigestLines()).isEqualTo(20);
            assertThat(ops.timeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(ops.apiUrl()).isEqualTo(URI.create("https://slack.com/api/"));
            assertThat(ops.botMode()).isFalse();
            assertThat(ops.toString()).doesNotContain("webhooksecret");
        }
    }

    @Test
    void botModeNeedsTheChannelToPostTo() {
        assertThatThrownBy(() -> ApplicationContext.run(settings(Map.of(
                "drift.notify.channels.alerts.type", "slack",
                "drift.notify.channels.alerts.bot-token", "xoxb-secret"))).close())
                .hasStackTraceContaining("notification channel 'alerts'")
                .hasStackTraceContaining("bot-token needs slack-channel");
    }

    @Test
    void aSlackChannelWithoutWebhookOrBotFailsStartupNamingIt() {
        assertThatThrownBy(() -> ApplicationContext.run(settings(Map.of(
                "drift.notify.channels.ops.type", "slack",
                "drift.notify.channels.ops.rate-limit", "10"))).close())
                .hasStackTraceContaining("notification channel 'ops' (drift.notify.channels.ops)")
                .hasStackTraceContaining("a slack channel needs webhook-url, or bot-token and slack-channel");
    }

    private static Map<String, Object> settings(Map<String, Object> channels) {
        Map<String, Object> all = new HashMap<>(channels);
        all.put("datasources.default.enabled", false);
        all.put("flyway.enabled", false);
        all.put("flyway.datasources.default.enabled", false);
        all.put("drift.ingest.enabled", false);
        all.put("drift.reconcile.enabled", false);
        return all;
    }
}
