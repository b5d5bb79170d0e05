package dev.drift.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityPropertiesTest {

    @Test
    void defaultsAreOnWithoutBootstrapTokenAtFiftyPerSecond() {
        // Without the test environment, whose configuration switches security off.
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .properties(withoutServers(Map.of())).start()) {
            SecurityProperties properties = context.getBean(SecurityProperties.class);
            assertThat(properties.enabled()).isTrue();
            assertThat(properties.bootstrapAdminToken()).isNull();
            assertThat(properties.rateLimit()).isEqualTo(50);
        }
    }

    @Test
    void bindsEveryMember() {
        try (ApplicationContext context = ApplicationContext.run(withoutServers(Map.of("drift.security.enabled",
                "false", "drift.security.bootstrap-admin-token", "x".repeat(24), "drift.security.rate-limit", "7")))) {
            SecurityProperties properties = context.getBean(SecurityProperties.class);
            assertThat(properties).isEqualTo(new SecurityProperties(false, "x".repeat(24), 7));
        }
    }

    @Test
    void theServiceDoesNotStartWithAShortBootstrapToken() {
        assertThatThrownBy(() -> ApplicationContext.run(withoutServers(Map.of(
                "drift.security.bootstrap-admin-token", "too-short-secret"))).close())
                .hasStackTraceContaining("must be at least 24 characters long");
    }

    @Test
    void aShortBootstrapTokenIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> new SecurityProperties(true, "short-secret", 50))
                .hasMessageContaining("drift.security.bootstrap-admin-token")
                .hasMessageContaining("at least 24 characters")
                .hasMessageNotContaining("short-secret");
    }

    @Test
    void aBlankBootstrapTokenMeansNone() {
        assertThat(new SecurityProperties(true, "  ", 50).bootstrapAdminToken()).isNull();
    }

    @Test
    void theBootstrapTokenNeverShowsInToString() {
        String secret = "s3cret-bootstrap-token-0123456789";
        assertThat(new SecurityProperties(true, secret, 50).toString()).doesNotContain(secret);
    }

    private static Map<String, Object> withoutServers(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.put("datasources.default.enabled", false);
        all.put("flyway.enabled", false);
        all.put("flyway.datasources.default.enabled", false);
        all.put("drift.ingest.enabled", false);
        all.put("drift.reconcile.enabled", false);
        return all;
    }
}
