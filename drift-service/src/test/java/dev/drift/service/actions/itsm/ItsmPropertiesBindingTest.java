package dev.drift.service.actions.itsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.service.actions.ItsmClient;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ITSM settings as an operator writes them, and the client bean they select. */
class ItsmPropertiesBindingTest {

    @Test
    void defaultsToNoItsmClient() {
        try (ApplicationContext context = ApplicationContext.run(settings(Map.of()))) {
            ItsmProperties properties = context.getBean(ItsmProperties.class);

            assertThat(properties.kind()).isEqualTo(ItsmProperties.Kind.NONE);
            assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.changeTable()).isEqualTo("change_request");
            assertThat(properties.incidentTable()).isEqualTo("incident");
            assertThat(context.findBean(ItsmClient.class)).isEmpty();
        }
    }

    @Test
    void servicenowSelectsTheServiceNowClient() {
        try (ApplicationContext context = ApplicationContext.run(settings(Map.of(
                "drift.itsm.kind", "servicenow",
                "drift.itsm.url", "https://acme.service-now.com/",
                "drift.itsm.token", ItsmFixtures.TOKEN,
                "drift.itsm.assignment-group", "Linux Ops",
                "drift.itsm.timeout", "3s")))) {
            ItsmProperties properties = context.getBean(ItsmProperties.class);

            assertThat(context.getBean(ItsmClient.class)).isInstanceOf(ServiceNowClient.class);
            assertThat(properties.assignmentGroup()).isEqualTo("Linux Ops");
            assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(3));
        }
    }

    @Test
    void webhookSelectsTheWebhookClient() {
        try (ApplicationContext context = ApplicationContext.run(settings(Map.of(
                "drift.itsm.kind", "webhook",
                "drift.itsm.url", "https://itsm.example/hooks/drift",
                "drift.itsm.webhook-secret", ItsmFixtures.SECRET)))) {
            assertThat(context.getBean(ItsmClient.class)).isInstanceOf(WebhookItsmClient.class);
        }
    }

    @Test
    void servicenowWithoutCredentialsFailsStartup() {
        assertThatThrownBy(() -> ApplicationContext.run(settings(Map.of(
                "drift.itsm.kind", "servicenow",
                "drift.itsm.url", "https://acme.service-now.com")))).hasStackTraceContaining(
                "username and password, or token, are required when kind is servicenow");
    }

    private static Map<String, Object> settings(Map<String, Object> overrides) {
        Map<String, Object> all = new HashMap<>();
        all.put("datasources.default.enabled", false);
        all.put("flyway.enabled", false);
        all.put("flyway.datasources.default.enabled", false);
        all.put("drift.ingest.enabled", false);
        all.put("drift.reconcile.enabled", false);
        all.putAll(overrides);
        return all;
    }
}
