package dev.drift.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventSchemasTest {
    static final List<String> STREAMS = List.of(
            "vm.power_changed", "drift.file_changed", "network.changed", "ansible.facts_collected",
            "compliance.check_result", "agent.heartbeat", "drift.detected", "drift.resolved", "drift.dlq");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventSchemas SCHEMAS = EventSchemas.load(STREAMS);

    static Stream<Path> examples() throws IOException, URISyntaxException {
        return jsonFiles("drift/events/examples");
    }

    static Stream<Path> invalidExamples() throws IOException, URISyntaxException {
        return jsonFiles("events/invalid");
    }

    private static Stream<Path> jsonFiles(String classpathFolder) throws IOException, URISyntaxException {
        Path folder = Path.of(EventSchemasTest.class.getClassLoader().getResource(classpathFolder).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    /** Examples are named {@code <stream>.<name>.json}; stream names contain dots themselves. */
    private static String streamOf(Path example) {
        String name = example.getFileName().toString();
        return STREAMS.stream().filter(s -> name.startsWith(s + ".")).findFirst()
                .orElseThrow(() -> new AssertionError("example of no known stream: " + name));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleMatchesItsStreamSchema(Path example) throws IOException {
        JsonNode document = JSON.readTree(example.toFile());

        assertThat(SCHEMAS.problems(streamOf(example), document)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("invalidExamples")
    void everyInvalidExampleFailsItsStreamSchema(Path example) throws IOException {
        JsonNode document = JSON.readTree(example.toFile());

        assertThat(SCHEMAS.problems(streamOf(example), document)).isNotEmpty();
    }

    @Test
    void everyStreamHasAValidAndAnInvalidExample() throws Exception {
        List<String> valid = examples().map(EventSchemasTest::streamOf).distinct().toList();
        List<String> invalid = invalidExamples().map(EventSchemasTest::streamOf).distinct().toList();

        assertThat(valid).containsExactlyInAnyOrderElementsOf(STREAMS);
        assertThat(invalid).containsExactlyInAnyOrderElementsOf(STREAMS);
    }

    @Test
    void problemsNameTheMemberAndWhatWasExpected() throws Exception {
        JsonNode detected = JSON.readTree(EventDecoderTest.example("drift.detected.permit-root-login.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) detected).put("occurrences", 1).remove("detected_at");

        assertThat(SCHEMAS.problems("drift.detected", detected)).containsExactly(
                "$: property 'occurrences' is not defined in the schema and the schema does not allow additional properties",
                "$: required property 'detected_at' not found");
    }

    @Test
    void unknownMembersAreAllowedInInboundPayloads() throws Exception {
        JsonNode power = JSON.readTree("{\"power_state\":\"on\",\"cluster\":{\"name\":\"c1\"}}");

        assertThat(SCHEMAS.problems("vm.power_changed", power)).isEmpty();
    }
}
