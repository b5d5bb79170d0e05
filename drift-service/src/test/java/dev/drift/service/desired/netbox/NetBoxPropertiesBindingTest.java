package dev.drift.service.desired.netbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The NetBox settings as an operator writes them in application.yml or the environment. */
class NetBoxPropertiesBindingTest {

    @Test
    void bindsKebabCaseSettingsIncludingTheCustomFieldIdentityRule() {
        try (ApplicationContext context = ApplicationContext.run(settings(Map.of(
                "drift.desired.netbox.identity", "custom-field",
                "drift.desired.netbox.identity-field", "asset_ci",
                "drift.desired.netbox.cache-ttl", "90s")))) {
            NetBoxProperties properties = context.getBean(NetBoxProperties.class);

            assertThat(properties.identity()).isEqualTo(NetBoxProperties.Identity.CUSTOM_FIELD);
            assertThat(properties.identityField()).isEqualTo("asset_ci");
            assertThat(properties.cacheTtl()).isEqualTo(Duration.ofSeconds(90));
            assertThat(properties.toString()).doesNotContain("0123456789abcdef");
        }
    }

    @Test
    void refusesAnInvalidUrl() {
        assertThatThrownBy(() -> {
            try (ApplicationContext context = ApplicationContext.run(settings(Map.of(
                    "drift.desired.netbox.url", "not a url")))) {
                context.getBean(NetBoxProperties.class);
            }
        }).hasStackTraceContaining("url");
    }

    private static Map<String, Object> settings(Map<String, Object> overrides) {
        Map<String, Object> all = new HashMap<>();
        all.put("datasources.default.enabled", false);
        all.put("flyway.enabled", false);
        all.put("flyway.datasources.default.enabled", false);
        all.put("drift.ingest.enabled", false);
        all.put("drift.reconcile.enabled", false);
        all.put("drift.desired.source", "netbox");
        all.put("drift.desired.netbox.url", "http://netbox.example:8000/");
        all.put("drift.desired.netbox.token", "0123456789abcdef");
        all.putAll(overrides);
        return all;
    }
}
