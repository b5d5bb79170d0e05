package dev.drift.service.system;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.service.support.NoServers;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/**
 * The service refuses to start on invalid configuration, with a message that names the setting:
 * a bad URL, a feature switched on without the secret it needs, a value out of range.
 */
class StartupConfigurationTest {

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(Map.of("drift.desired.source", "netbox"), "token"),
                Arguments.of(Map.of("drift.desired.source", "netbox", "drift.desired.netbox.token", "t0k3n",
                        "drift.desired.netbox.url", "not a url"), "url"),
                Arguments.of(Map.of("drift.desired.source", "ldap"), "source"),
                Arguments.of(Map.of("drift.notify.channels.default.type", "slack"), "webhook"),
                Arguments.of(Map.of("drift.itsm.kind", "servicenow"), "url"),
                Arguments.of(Map.of("drift.itsm.kind", "webhook", "drift.itsm.url", "https://itsm.example.net/hook"),
                        "secret"),
                Arguments.of(Map.of("drift.security.bootstrap-admin-token", "short"), "24"),
                Arguments.of(Map.of("drift.retention.history", "1h"), "drift.retention"),
                Arguments.of(Map.of("drift.sweep.zone", "Mars/Olympus"), "zone"),
                Arguments.of(Map.of("drift.compliance.max-fact-age", "0s"), "max-fact-age"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refusesToStartNamingTheSetting(Map<String, Object> settings, String named) {
        assertThatThrownBy(() -> ApplicationContext.builder().deduceEnvironment(false)
                .properties(NoServers.with(settings)).start().close())
                .hasStackTraceContaining(named);
    }
}
