package dev.drift.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Probe payloads follow openapi/events/compliance.check_result.schema.json, as the service applies it. */
class ProbePayloadSchemaTest {
    private static final ProbeInfo INFO = new ProbeInfo("high", "RB-TIME-SYNC", List.of("HIPAA 164.312(b)"));

    private static List<String> problems(ObjectNode payload) throws IOException {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH).build();
        try (InputStream in = ProbePayloadSchemaTest.class.getClassLoader()
                .getResourceAsStream("events/compliance.check_result.schema.json")) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
            return schema.validate(payload).stream().map(ValidationMessage::getMessage).toList();
        }
    }

    private static ObjectNode payload(ProbeResult result) {
        ProbeRunner runner = new ProbeRunner(List.of(), Duration.ofSeconds(1), Clock.systemUTC());
        return runner.payload("web-01", INFO, result, Instant.parse("2026-12-06T06:00:00Z"));
    }

    @Test
    void okDriftAndErrorResultsAllValidate() throws IOException {
        Map<String, Object> measured = new HashMap<>();
        measured.put("synchronized", true);
        measured.put("offset_ms", new BigDecimal("0.123"));

        assertThat(problems(payload(ProbeResult.ok("time_sync", "fine", measured)))).isEmpty();
        assertThat(problems(payload(ProbeResult.drift("service:ssh", "ssh is failed", Map.of("state", "failed")))))
                .isEmpty();
        assertThat(problems(payload(ProbeResult.error("tls:443", "cannot read", List.of("days_left", "not_after")))))
                .isEmpty();
    }

    @Test
    void everyShippedProbeNameAndMeasurementIsAValidKey() throws IOException {
        ProbeSettings settings = new ProbeSettings(Duration.ofMinutes(5), Duration.ofSeconds(1), List.of("ssh"),
                Duration.ofMillis(500), java.nio.file.Path.of("/var/backups"), Duration.ofHours(26), Duration.ofDays(7),
                List.of("/"), Map.of("443", java.nio.file.Path.of("/etc/ssl/certs/web.pem")), 14);
        List<Probe> probes = Probes.from(settings, new FakeCommands(), java.nio.file.Path.of("/tmp"), Clock.systemUTC());

        assertThat(probes).extracting(Probe::name).containsExactly("service:ssh", "time_sync", "backup",
                "security_updates", "disk_encryption", "tls:443");
        for (Probe probe : probes) {
            ProbeResult failed = ProbeResult.error(probe.name(), "x", probe.measurementNames());
            assertThat(problems(payload(failed))).as(probe.name()).isEmpty();
        }
    }
}
