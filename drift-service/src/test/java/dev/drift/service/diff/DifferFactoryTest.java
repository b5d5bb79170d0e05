package dev.drift.service.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.service.model.ActualState;
import dev.drift.service.model.CiKey;
import dev.drift.service.model.DesiredField;
import dev.drift.service.model.DesiredState;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import dev.drift.service.model.Provenance;
import io.micronaut.context.ApplicationContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DifferFactoryTest {

    @Test
    void configuredGlobalIgnoresReachTheDiffer() {
        try (ApplicationContext context = ApplicationContext.run(withoutDatabase(Map.of("drift.diff.ignore", List.of("uptime*"))))) {
            Differ differ = context.getBean(Differ.class);

            DiffResult result = differ.diff(desiredUptime(), ActualState.empty(CiKey.of("vm-1")));

            assertThat(result.fields()).containsExactly(new FieldDiff.Ignored(FieldPath.of("uptime_seconds"), "uptime*"));
        }
    }

    @Test
    void noConfigurationMeansNoGlobalIgnores() {
        try (ApplicationContext context = ApplicationContext.run(withoutDatabase(Map.of()))) {
            DiffResult result = context.getBean(Differ.class).diff(desiredUptime(), ActualState.empty(CiKey.of("vm-1")));

            assertThat(result.unknown()).hasSize(1);
        }
    }

    @Test
    void blankPatternIsRejectedAtStartup() {
        try (ApplicationContext context = ApplicationContext.run(withoutDatabase(Map.of("drift.diff.ignore", List.of(" "))))) {
            assertThatThrownBy(() -> context.getBean(Differ.class)).hasStackTraceContaining("must not be blank");
        }
    }

    /** The factory needs no database; these tests run without one. */
    private static Map<String, Object> withoutDatabase(Map<String, Object> properties) {
        Map<String, Object> all = new java.util.HashMap<>(properties);
        all.put("datasources.default.enabled", false);
        all.put("flyway.enabled", false);
        all.put("flyway.datasources.default.enabled", false);
        return all;
    }

    private static DesiredState desiredUptime() {
        return new DesiredState(CiKey.of("vm-1"), "vm", Map.of(FieldPath.of("uptime_seconds"),
                new DesiredField(FieldValue.text("1"), new Provenance("file", "ci-file", "vm-1", "uptime"))), List.of());
    }
}
