package dev.drift.service.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.model.ActualState;
import dev.drift.service.model.CiKey;
import dev.drift.service.model.DesiredField;
import dev.drift.service.model.DesiredState;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldPattern;
import dev.drift.service.model.FieldValueJson;
import dev.drift.service.model.Observed;
import dev.drift.service.model.Provenance;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every golden case in {@code src/test/resources/diff}: {@code <case>-desired.json},
 * {@code <case>-actual.json} and {@code <case>-expected.json}; the format is described in the
 * README.md next to them. Every case is diffed with {@link #GLOBAL_IGNORES} as the global rules.
 */
class GoldenDiffTest {
    static final List<String> GLOBAL_IGNORES = List.of("uptime*", "*.last_seen");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFAULT_OBSERVED_AT = "2024-05-01T10:00:00Z";

    static Stream<String> cases() throws IOException, URISyntaxException {
        Path dir = directory();
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith("-desired.json"))
                    .map(n -> n.substring(0, n.length() - "-desired.json".length()))
                    .sorted()
                    .toList();
            assertThat(names).as("golden cases").hasSizeGreaterThanOrEqualTo(12);
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diffMatchesGoldenExpectation(String name) throws Exception {
        Path dir = directory();
        DesiredState desired = desired(read(dir, name, "desired"));
        ActualState actual = actual(desired.ci(), name, read(dir, name, "actual"));
        Differ differ = new Differ(GLOBAL_IGNORES.stream().map(FieldPattern::of).toList());

        DiffResult result = differ.diff(desired, actual);

        assertThat(verdicts(result)).containsExactlyEntriesOf(expected(read(dir, name, "expected")));
    }

    private static Map<String, String> verdicts(DiffResult result) {
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (FieldDiff field : result.fields()) {
            verdicts.put(field.path().toString(), switch (field) {
                case FieldDiff.InSync s -> "in_sync";
                case FieldDiff.Drifted d -> "drifted";
                case FieldDiff.Unknown u -> "unknown";
                case FieldDiff.Ignored i -> "ignored";
            });
        }
        return verdicts;
    }

    /** Expected verdicts in canonical path order, which is also the order the differ must keep. */
    private static Map<String, String> expected(JsonNode node) {
        List<String> paths = new ArrayList<>();
        node.fieldNames().forEachRemaining(paths::add);
        paths.sort(null);
        Map<String, String> expected = new LinkedHashMap<>();
        paths.forEach(p -> expected.put(p, node.get(p).asText()));
        return expected;
    }

    private static DesiredState desired(JsonNode node) {
        CiKey ci = CiKey.of(node.get("ci").asText());
        Map<FieldPath, DesiredField> fields = new HashMap<>();
        node.get("fields").fields().forEachRemaining(e -> fields.put(FieldPath.parse(e.getKey()),
                new DesiredField(FieldValueJson.fromJson(e.getValue()),
                        new Provenance("golden", "ci-file", ci.value(), e.getKey()))));
        List<FieldPattern> ignore = new ArrayList<>();
        node.path("ignore").forEach(g -> ignore.add(FieldPattern.of(g.asText())));
        return new DesiredState(ci, node.get("ci_type").asText(), fields, ignore);
    }

    private static ActualState actual(CiKey ci, String name, JsonNode node) {
        Instant defaultTime = Instant.parse(node.path("observed_at").asText(DEFAULT_OBSERVED_AT));
        String source = "golden/" + name;
        Map<FieldPath, ActualState.ActualRow> rows = new HashMap<>();
        node.path("fields").fields().forEachRemaining(e -> rows.put(FieldPath.parse(e.getKey()),
                row(e.getValue(), source, defaultTime)));
        Map<String, ActualState.CoverageRow> coverage = new HashMap<>();
        node.path("coverage").fields().forEachRemaining(e -> coverage.put(e.getKey(),
                new ActualState.CoverageRow(source, Instant.parse(e.getValue().asText()))));
        return new ActualState(ci, rows, coverage);
    }

    /** A field is a bare value, {@code {"unknown": reason}} or {@code {"value": v, "observed_at": t}}. */
    private static ActualState.ActualRow row(JsonNode field, String source, Instant defaultTime) {
        if (field.isObject() && field.has("unknown")) {
            return new ActualState.ActualRow(new Observed.Unknown(field.get("unknown").asText()), source, defaultTime);
        }
        if (field.isObject()) {
            Instant at = Instant.parse(field.get("observed_at").asText());
            return new ActualState.ActualRow(new Observed.Value(FieldValueJson.fromJson(field.get("value"))), source, at);
        }
        return new ActualState.ActualRow(new Observed.Value(FieldValueJson.fromJson(field)), source, defaultTime);
    }

    private static JsonNode read(Path dir, String name, String part) throws IOException {
        return JSON.readTree(dir.resolve(name + "-" + part + ".json").toFile());
    }

    private static Path directory() throws URISyntaxException {
        return Path.of(GoldenDiffTest.class.getResource("/diff").toURI());
    }
}
