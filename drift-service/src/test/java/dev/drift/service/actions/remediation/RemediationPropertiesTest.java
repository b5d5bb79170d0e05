package dev.drift.service.actions.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings as Micronaut binds them: defaults in code, checked when the beans are created. */
class RemediationPropertiesTest {

    @Test
    void ansibleRunnerSettingsHaveDefaults() {
        try (ApplicationContext context = context(Map.of())) {
            AnsibleRunnerProperties properties = context.getBean(AnsibleRunnerProperties.class);

            assertThat(properties.command()).isEqualTo("ansible-runner");
            assertThat(properties.projectDir()).isEqualTo(Path.of("playbooks"));
            assertThat(properties.workDir())
                    .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "drift-remediation"));
            assertThat(properties.connection()).isEqualTo("ssh");
            assertThat(properties.keepArtifacts()).isFalse();
            assertThat(context.getBeansOfType(AwxExecutor.class)).isEmpty();
        }
    }

    @Test
    void awxSettingsHaveDefaultsOnceTheUrlIsSet() {
        try (ApplicationContext context = context(Map.of("drift.remediation.awx.url", "https://awx.example.com/",
                "drift.remediation.awx.token", "t"))) {
            AwxProperties properties = context.getBean(AwxProperties.class);

            assertThat(properties.url()).isEqualTo("https://awx.example.com");
            assertThat(properties.pollInterval()).isEqualTo(Duration.ofSeconds(2));
            assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(context.getBean(AwxExecutor.class).name()).isEqualTo("awx");
        }
    }

    @Test
    void awxRefusesAUrlThatIsNotHttp() {
        try (ApplicationContext context = context(Map.of("drift.remediation.awx.url", "ftp://awx",
                "drift.remediation.awx.token", "t"))) {
            assertThatThrownBy(() -> context.getBean(AwxProperties.class))
                    .hasStackTraceContaining("AwxProperties.url - must match");
        }
    }

    @Test
    void awxNeedsATokenOnceTheUrlIsSet() {
        try (ApplicationContext context = context(Map.of("drift.remediation.awx.url", "https://awx.example.com"))) {
            assertThatThrownBy(() -> context.getBean(AwxExecutor.class))
                    .hasStackTraceContaining("drift.remediation.awx.token");
        }
    }

    /** A context with only the given settings: no application.yml, so no database or Redis. */
    private static ApplicationContext context(Map<String, Object> properties) {
        return ApplicationContext.builder().properties(properties).enableDefaultPropertySources(false).start();
    }
}
