package dev.drift.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.drift.service.support.ServiceIT;
import io.lettuce.core.StreamMessage;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What drift publishes, checked against the published contract: every {@code drift.detected} /
 * {@code drift.resolved} payload against its JSON Schema (from the classpath, as the build copies
 * {@code openapi/events/}), the routing fields of each entry against its payload, and dead letters
 * against the {@code drift.dlq} entry schema.
 */
@MicronautTest(transactional = false)
class PublishedEventsContractIT extends ServiceIT {
    private static final String POWER = "vm.power_changed";
    private static final String FILE = "drift.file_changed";
    private static final String DETECTED = "drift.detected";
    private static final String RESOLVED = "drift.resolved";
    private static final String DLQ = "drift.dlq";
    private static final Duration ARRIVAL = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Map<String, JsonSchema> schemas;


    @BeforeAll
    void connectLoadSchemasAndWarmUp() {
        schemas = Map.of(DETECTED, schema(DETECTED), RESOLVED, schema(RESOLVED), DLQ, schema(DLQ));
        desired.poweredOnVm("pub-warmup");
        streams.add(POWER, "{\"ci_id\":\"pub-warmup\",\"power_state\":\"off\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> !streams.entriesFor(DETECTED, "pub-warmup").isEmpty());
    }


    @Test
    void powerDriftDetectedAndResolvedMessagesMatchTheirSchemas() {
        desired.poweredOnVm("pub-vm-1");

        streams.add(POWER, "{\"ci_id\":\"pub-vm-1\",\"power_state\":\"poweredOff\",\"source\":\"vcenter\"}");
        await().atMost(ARRIVAL).until(() -> streams.entriesFor(DETECTED, "pub-vm-1").size() == 1);
        streams.add(POWER, "{\"ci_id\":\"pub-vm-1\",\"power_state\":\"running\",\"source\":\"libvirt\"}");
        await().atMost(ARRIVAL).until(() -> streams.entriesFor(RESOLVED, "pub-vm-1").size() == 1);

        JsonNode detected = conformingPayload(DETECTED, streams.entriesFor(DETECTED, "pub-vm-1").get(0));
        JsonNode resolved = conformingPayload(RESOLVED, streams.entriesFor(RESOLVED, "pub-vm-1").get(0));

        String driftId = detected.get("drift_id").asText();
        assertThat(detected.get("event_id").asText()).isEqualTo(driftId + ":detected");
        assertThat(text(detected, "field", "category", "severity", "status", "desired", "actual", "ci_type"))
                .containsExactly("power_state", "state", "high", "open", "on", "poweredOff", "vm");
        assertThat(detected.get("actual_source").asText()).startsWith(POWER + "/");
        assertThat(detected.get("desired_provenance").get("source").asText()).isEqualTo("file");

        assertThat(resolved.get("drift_id").asText()).isEqualTo(driftId);
        assertThat(resolved.get("event_id").asText()).isEqualTo(driftId + ":resolved");
        assertThat(text(resolved, "field", "desired", "actual", "resolved_by"))
                .containsExactly("power_state", "on", "running", "auto");
        assertThat(resolved.get("occurrence_count").asInt()).isEqualTo(1);
        assertThat(Instant.parse(resolved.get("first_detected_at").asText()))
                .isEqualTo(Instant.parse(detected.get("detected_at").asText()));
    }

    @Test
    void settingDriftWithAbsentValuesMatchesTheSchemas() {
        String conf = "file[/etc/app/app.conf]";
        desired.write("pub-host-1", "type: host\nfields:\n"
                + "  " + conf + ".setting[LogLevel]: info\n"
                + "  " + conf + ".setting[Debug]: null\n");

        // LogLevel missing from a complete settings list is absent; Debug is present though it should not be.
        streams.add(FILE, """
                {"ci_id":"pub-host-1","path":"/etc/app/app.conf","change":"modified",
                 "settings":{"Debug":"yes","Listen":["80","443"]}}""");
        await().atMost(ARRIVAL).until(() -> streams.entriesFor(DETECTED, "pub-host-1").size() == 2);
        streams.add(FILE, """
                {"ci_id":"pub-host-1","path":"/etc/app/app.conf","change":"modified",
                 "settings":{"LogLevel":"info","Listen":["80","443"]}}""");
        await().atMost(ARRIVAL).until(() -> streams.entriesFor(RESOLVED, "pub-host-1").size() == 2);

        Map<String, JsonNode> detected = byField(DETECTED, "pub-host-1");
        Map<String, JsonNode> resolved = byField(RESOLVED, "pub-host-1");

        assertThat(detected).containsOnlyKeys(conf + ".setting[LogLevel]", conf + ".setting[Debug]");
        JsonNode missing = detected.get(conf + ".setting[LogLevel]");
        assertThat(missing.get("desired").asText()).isEqualTo("info");
        assertThat(missing.get("actual").isNull()).isTrue();
        assertThat(missing.get("category").asText()).isEqualTo("configuration");
        assertThat(missing.get("severity").asText()).isEqualTo("warning");
        JsonNode unwanted = detected.get(conf + ".setting[Debug]");
        assertThat(unwanted.get("desired").isNull()).isTrue();
        assertThat(unwanted.get("actual").asText()).isEqualTo("yes");

        assertThat(resolved).containsOnlyKeys(detected.keySet());
        assertThat(resolved.get(conf + ".setting[LogLevel]").get("actual").asText()).isEqualTo("info");
        assertThat(resolved.get(conf + ".setting[Debug]").get("actual").isNull()).isTrue();
        resolved.forEach((field, payload) -> assertThat(payload.get("drift_id"))
                .isEqualTo(detected.get(field).get("drift_id")));
    }

    @Test
    void deadLettersOfMalformedEntriesHaveTheFieldsTheSchemaDescribes() {
        String notJson = streams.add(POWER, Map.of("payload", "{not json", "ci_id", "pub-bad-1"));
        String wrongType = streams.add(POWER, Map.of("payload", "{\"power_state\":3}", "ci_id", "pub-bad-2"));
        String mismatch = streams.add(POWER,
                Map.of("payload", "{\"ci_id\":\"pub-bad-4\",\"power_state\":\"off\"}", "ci_id", "pub-bad-3"));
        String noCi = streams.add(POWER, "{\"power_state\":\"off\"}");

        await().atMost(ARRIVAL).until(() -> deadLetter(notJson) != null && deadLetter(wrongType) != null
                && deadLetter(mismatch) != null && deadLetter(noCi) != null);

        for (String id : List.of(notJson, wrongType, mismatch, noCi)) {
            Map<String, String> letter = deadLetter(id);
            assertThat(problems(DLQ, JSON.valueToTree(letter))).as("dead letter of " + id + ": " + letter).isEmpty();
            assertThat(letter).containsEntry("dlq_stream", POWER).containsEntry("dlq_entry_id", id)
                    .containsEntry("dlq_deliveries", "1");
        }
        assertThat(deadLetter(notJson)).containsEntry("payload", "{not json").containsEntry("ci_id", "pub-bad-1");
        assertThat(deadLetter(notJson).get("dlq_reason")).contains("not JSON");
        assertThat(deadLetter(wrongType)).containsEntry("payload", "{\"power_state\":3}");
        assertThat(deadLetter(wrongType).get("dlq_reason")).contains("power_state");
        assertThat(deadLetter(mismatch).get("dlq_reason")).contains("pub-bad-3").contains("pub-bad-4");
        assertThat(deadLetter(noCi).get("dlq_reason")).contains("ci_id");
        assertThat(deadLetter(noCi)).doesNotContainKey("ci_id");
        assertThat(streams.entriesFor(DETECTED, "pub-bad-3")).isEmpty();
        assertThat(streams.entriesFor(DETECTED, "pub-bad-4")).isEmpty();
    }

    /**
     * Validates the entry's payload against the stream's schema, checks that the routing fields
     * repeat the payload's values, and returns the payload.
     */
    private JsonNode conformingPayload(String stream, StreamMessage<String, String> entry) {
        Map<String, String> fields = entry.getBody();
        assertThat(fields).as(stream + " entry fields").containsOnlyKeys("payload", "type", "drift_id", "ci_id");
        JsonNode payload = parse(fields.get("payload"));
        assertThat(problems(stream, payload)).as(stream + " payload " + payload).isEmpty();
        assertThat(fields).containsEntry("type", stream)
                .containsEntry("type", payload.get("type").asText())
                .containsEntry("drift_id", payload.get("drift_id").asText())
                .containsEntry("ci_id", payload.get("ci_id").asText());
        return payload;
    }

    /** Conforming payloads of a CI's entries on the stream, by field; each field at most once. */
    private Map<String, JsonNode> byField(String stream, String ci) {
        Map<String, JsonNode> byField = new HashMap<>();
        for (StreamMessage<String, String> entry : streams.entriesFor(stream, ci)) {
            JsonNode payload = conformingPayload(stream, entry);
            assertThat(byField.put(payload.get("field").asText(), payload)).as("one message per field").isNull();
        }
        return byField;
    }

    private List<String> problems(String schema, JsonNode document) {
        return schemas.get(schema).validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private Map<String, String> deadLetter(String entryId) {
        return streams.all(DLQ).stream().map(StreamMessage::getBody)
                .filter(b -> entryId.equals(b.get("dlq_entry_id"))).findFirst().orElse(null);
    }

    private static List<String> text(JsonNode node, String... members) {
        return java.util.Arrays.stream(members).map(m -> node.get(m).asText()).toList();
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            assertThat(node).isInstanceOf(ObjectNode.class);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("payload is not JSON: " + json, e);
        }
    }

    private static JsonSchema schema(String stream) {
        String resource = "drift/events/" + stream + ".schema.json";
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = PublishedEventsContractIT.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the classpath").isNotNull();
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
            schema.initializeValidators();
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
