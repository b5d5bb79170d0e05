package dev.drift.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.service.model.CiKey;
import dev.drift.service.model.FieldObservation;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import dev.drift.service.model.StreamEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventDecoderTest {
    private static final String ENTRY_ID = "1700000000000-0";
    private static final String NOT_ABSOLUTE =
            "payload does not match drift.file_changed schema: $.path: must be an absolute path without square brackets";
    private final EventDecoder decoder = new EventDecoder();

    /** The text of an example under {@code openapi/events/examples}, as it is on the classpath. */
    static String example(String name) {
        try (InputStream in = EventDecoderTest.class.getClassLoader()
                .getResourceAsStream("drift/events/examples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no example " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StreamEvent valid(Decoded decoded) {
        assertThat(decoded).isInstanceOf(Decoded.Valid.class);
        return ((Decoded.Valid) decoded).event();
    }

    private String invalidReason(Decoded decoded) {
        assertThat(decoded).isInstanceOf(Decoded.Invalid.class);
        return ((Decoded.Invalid) decoded).reason();
    }

    private Decoded decode(String stream, String payload, String ciId) {
        Map<String, String> fields = new HashMap<>();
        fields.put("payload", payload);
        if (ciId != null) {
            fields.put("ci_id", ciId);
        }
        return decoder.decode(stream, ENTRY_ID, fields);
    }

    @Test
    void powerEventTakesCiAndTimeFromPayload() {
        StreamEvent event = valid(decode("vm.power_changed", example("vm.power_changed.vcenter.json"), null));

        assertThat(event.ci()).isEqualTo(CiKey.of("vm-web-01"));
        assertThat(event.type()).isEqualTo("vm.power_changed");
        assertThat(event.observedAt()).isEqualTo(Instant.parse("2024-05-14T09:12:03.418Z"));
        assertThat(event.observations()).containsExactly(
                FieldObservation.value(FieldPath.of("power_state"), FieldValue.text("poweredOff")));
        assertThat(event.coverage()).isEmpty();
    }

    @Test
    void minimalShellAgentEntryMarksHashUnknown() {
        Map<String, String> fields = Map.of(
                "payload", "{\"path\":\"/etc/ssh/sshd_config\",\"event\":\"MODIFY\"}", "ci_id", "host-01");

        StreamEvent event = valid(decoder.decode("drift.file_changed", ENTRY_ID, fields));

        assertThat(event.ci()).isEqualTo(CiKey.of("host-01"));
        assertThat(event.observedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(event.observations()).containsExactly(FieldObservation.unknown(
                FieldPath.parse("file[/etc/ssh/sshd_config].sha256"), "file reported MODIFY without a content hash"));
    }

    @Test
    void ciIdInBothPlacesMustAgree() {
        String reason = invalidReason(decode("vm.power_changed", "{\"ci_id\":\"host-02\",\"power_state\":\"off\"}", "host-01"));

        assertThat(reason).isEqualTo("ci_id differs between entry field ('host-01') and payload ('host-02')");
    }

    @Test
    void ciIdInBothPlacesThatAgreeIsAccepted() {
        StreamEvent event = valid(decode("vm.power_changed", "{\"ci_id\":\"host-01\",\"power_state\":\"off\"}", "host-01"));

        assertThat(event.ci()).isEqualTo(CiKey.of("host-01"));
    }

    @Test
    void missingCiIdIsInvalid() {
        assertThat(invalidReason(decode("vm.power_changed", "{\"power_state\":\"off\"}", null)))
                .isEqualTo("no ci_id in entry fields or payload");
    }

    @Test
    void ciIdWithWhitespaceIsInvalid() {
        assertThat(invalidReason(decode("vm.power_changed", "{\"power_state\":\"off\"}", "host 01")))
                .startsWith("invalid ci_id: ci id must be 1-255 characters without whitespace");
    }

    @Test
    void notJsonPayloadIsInvalidWithReason() {
        String reason = invalidReason(decode("drift.file_changed", "{path:/etc/hosts}", "host-01"));

        assertThat(reason).startsWith("payload is not JSON: Unexpected character ('p' (code 112))")
                .endsWith("at line 1 column 2");
    }

    @Test
    void trailingTextAfterJsonIsInvalid() {
        assertThat(invalidReason(decode("vm.power_changed", "{\"power_state\":\"off\"} trailing", "host-01")))
                .startsWith("payload is not JSON: ");
    }

    @Test
    void payloadThatIsNotAnObjectIsInvalid() {
        assertThat(invalidReason(decode("vm.power_changed", "[\"off\"]", "host-01")))
                .isEqualTo("payload is not a JSON object");
    }

    @Test
    void entryWithoutPayloadIsInvalid() {
        assertThat(invalidReason(decoder.decode("vm.power_changed", ENTRY_ID, Map.of("ci_id", "host-01"))))
                .isEqualTo("entry has no payload field");
    }

    @Test
    void schemaViolationNamesTheMemberAndTheExpectedType() {
        assertThat(invalidReason(decode("vm.power_changed", "{\"power_state\":3}", "host-01")))
                .isEqualTo("payload does not match vm.power_changed schema: $.power_state: integer found, string expected");
    }

    @Test
    void unknownStreamIsInvalid() {
        assertThat(invalidReason(decode("x", "{}", "host-01"))).isEqualTo("unknown stream x");
    }

    @Test
    void unknownExtraMembersAreAccepted() {
        StreamEvent event = valid(decode("vm.power_changed",
                "{\"power_state\":\"on\",\"datacenter\":\"dc1\",\"tags\":{\"env\":\"prod\"}}", "host-01"));

        assertThat(event.observations()).hasSize(1);
    }

    @Test
    void observedAtWithOffsetIsConvertedToAnInstant() {
        StreamEvent event = valid(decode("vm.power_changed",
                "{\"power_state\":\"on\",\"observed_at\":\"2024-05-14T11:00:00+02:00\"}", "host-01"));

        assertThat(event.observedAt()).isEqualTo(Instant.parse("2024-05-14T09:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2024-05-14T11:00:00", "2024-05-14"})
    void observedAtThatIsNotRfc3339IsInvalid(String observedAt) {
        String reason = invalidReason(decode("vm.power_changed",
                "{\"power_state\":\"on\",\"observed_at\":\"" + observedAt + "\"}", "host-01"));

        assertThat(reason).isEqualTo("payload does not match vm.power_changed schema: "
                + "$.observed_at: does not match the date-time pattern must be a valid RFC 3339 date-time");
    }

    @Test
    void entryIdWithoutTimeIsInvalidWhenPayloadHasNoTime() {
        Decoded decoded = decoder.decode("vm.power_changed", "not-an-id",
                Map.of("payload", "{\"power_state\":\"on\"}", "ci_id", "host-01"));

        assertThat(invalidReason(decoded))
                .isEqualTo("no observed_at in payload and entry id 'not-an-id' is not a stream id");
    }

    @Test
    void relativeFilePathIsInvalid() {
        assertThat(invalidReason(decode("drift.file_changed", "{\"path\":\"etc/hosts\",\"event\":\"MODIFY\"}", "host-01")))
                .isEqualTo(NOT_ABSOLUTE);
    }

    @Test
    void filePathWithBracketsIsInvalid() {
        assertThat(invalidReason(decode("drift.file_changed", "{\"path\":\"/etc/a[1]\",\"event\":\"MODIFY\"}", "host-01")))
                .isEqualTo(NOT_ABSOLUTE);
    }

    @Test
    void nullArgumentsAreInvalidRatherThanThrown() {
        assertThat(decoder.decode(null, null, null)).isInstanceOf(Decoded.Invalid.class);
        assertThat(invalidReason(decoder.decode("vm.power_changed", ENTRY_ID, null))).isEqualTo("entry has no payload field");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "vm.power_changed.vcenter.json", "vm.power_changed.libvirt.json",
        "drift.file_changed.shell-agent.json", "drift.file_changed.inotify-close-write.json",
        "drift.file_changed.agent-modified.json", "drift.file_changed.agent-deleted.json",
        "network.changed.host-01.json",
        "ansible.facts_collected.ubuntu-2204.json", "ansible.facts_collected.rocky-9.json",
        "compliance.check_result.backup-ok.json", "compliance.check_result.tls-error.json",
        "agent.heartbeat.web-01.json"})
    void everyInboundExampleDecodes(String name) {
        String stream = name.substring(0, name.indexOf(".json"));
        stream = stream.substring(0, stream.lastIndexOf('.'));
        String payload = example(name);
        String ciId = payload.contains("\"ci_id\"") ? null : "host-01";

        StreamEvent event = valid(decode(stream, payload, ciId));

        assertThat(event.type()).isEqualTo(stream);
        assertThat(event.observations()).isNotEmpty();
    }

    @Test
    void decodesTheSameFromManyThreadsAtOnce() {
        String payload = example("ansible.facts_collected.ubuntu-2204.json");
        StreamEvent expected = valid(decode("ansible.facts_collected", payload, null));

        List<Decoded> results = IntStream.range(0, 200).parallel()
                .mapToObj(i -> decode("ansible.facts_collected", payload, null))
                .toList();

        assertThat(results).allSatisfy(result -> assertThat(result).isEqualTo(new Decoded.Valid(expected)));
    }

    @Test
    void listsTheInboundStreams() {
        assertThat(decoder.streams()).containsExactlyInAnyOrder(
                "vm.power_changed", "drift.file_changed", "network.changed", "ansible.facts_collected",
                "compliance.check_result", "agent.heartbeat");
    }

    @Test
    void heartbeatMapsUnderAgentAndCarriesTheAgentsSequenceNumber() {
        StreamEvent event = valid(decode("agent.heartbeat", example("agent.heartbeat.web-01.json"), null));

        assertThat(event.agentSeq()).isEqualTo(1796518800000042L);
        assertThat(event.observedAt()).isEqualTo(Instant.parse("2026-12-06T06:00:30Z"));
        assertThat(event.observations()).containsExactlyInAnyOrder(
                FieldObservation.value(FieldPath.parse("agent.version"), FieldValue.text("drift-agent/0.1.0")),
                FieldObservation.value(FieldPath.parse("agent.watched_paths"),
                        new FieldValue.Number(java.math.BigDecimal.TEN)),
                FieldObservation.value(FieldPath.parse("agent.spool_depth"),
                        new FieldValue.Number(java.math.BigDecimal.ZERO)));
    }

    @Test
    void eventsWithoutASequenceNumberHaveNone() {
        assertThat(valid(decode("vm.power_changed", "{\"power_state\": \"on\"}", "host-01")).agentSeq()).isNull();
    }

    @Test
    void probeResultMapsStatusAndMeasurementsUnderProbe() {
        StreamEvent event = valid(decode("compliance.check_result",
                example("compliance.check_result.backup-ok.json"), null));

        assertThat(event.observations()).containsExactlyInAnyOrder(
                FieldObservation.value(FieldPath.parse("probe[backup].status"), FieldValue.text("ok")),
                FieldObservation.value(FieldPath.parse("probe[backup].age_hours"),
                        new FieldValue.Number(new java.math.BigDecimal("5.2"))));
    }

    @Test
    void probeThatCouldNotRunMakesItsMeasurementsUnknownNeverPassed() {
        StreamEvent event = valid(decode("compliance.check_result", """
                {"check": "backup", "status": "error", "details": "/var/backups is not readable",
                 "measurements": {"age_hours": 3}}""", "host-01"));

        assertThat(event.observations()).containsExactlyInAnyOrder(
                FieldObservation.value(FieldPath.parse("probe[backup].status"), FieldValue.text("error")),
                FieldObservation.unknown(FieldPath.parse("probe[backup].age_hours"),
                        "probe error: /var/backups is not readable"));
    }

    @Test
    void probeMeasurementThatIsNullIsUnknown() {
        StreamEvent event = valid(decode("compliance.check_result",
                example("compliance.check_result.tls-error.json"), null));

        assertThat(event.observations()).contains(FieldObservation.unknown(FieldPath.parse("probe[tls:443].days_left"),
                "probe error: cannot read /etc/ssl/certs/web-01.pem: no such file"));
    }

    @Test
    void probeNameWithBracketsIsInvalid() {
        assertThat(invalidReason(decode("compliance.check_result", "{\"check\": \"tls[443]\", \"status\": \"ok\"}",
                "host-01"))).contains("$.check: must be a name without square brackets or whitespace");
    }
}
