package dev.drift.service.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The JSON Schemas of event streams, read from {@code drift/events/<stream>.schema.json} on the
 * classpath and compiled once. Compiled schemas are immutable, so one instance serves all threads.
 */
final class EventSchemas {
    static final String LOCATION = "drift/events/";
    private static final int MAX_REPORTED_ERRORS = 5;
    /** Schemas may word a failure for operators, as {@code "message": {"pattern": "..."}}. */
    private static final String MESSAGE_KEYWORD = "message";

    private final Map<String, JsonSchema> byStream;

    private EventSchemas(Map<String, JsonSchema> byStream) {
        this.byStream = Map.copyOf(byStream);
    }

    /** Loads the schemas of the given streams; a missing or unreadable schema is a build defect. */
    static EventSchemas load(Collection<String> streams) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH)
                .errorMessageKeyword(MESSAGE_KEYWORD)
                .build();
        return new EventSchemas(streams.stream()
                .collect(Collectors.toMap(Function.identity(), stream -> compile(factory, config, stream))));
    }

    private static JsonSchema compile(JsonSchemaFactory factory, SchemaValidatorsConfig config, String stream) {
        String resource = LOCATION + stream + ".schema.json";
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema not on the classpath: " + resource);
            }
            JsonSchema schema = factory.getSchema(in, config);
            // Resolve everything now so the first event does not pay for it, and no thread races to.
            schema.initializeValidators();
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    boolean knows(String stream) {
        return byStream.containsKey(stream);
    }

    /**
     * Validates a document against a stream's schema.
     *
     * @return the problems, sorted and at most a few, each like {@code $.power_state: integer
     *         found, string expected}; empty when the document is valid or the stream unknown
     */
    List<String> problems(String stream, JsonNode document) {
        return Optional.ofNullable(byStream.get(stream))
                .map(schema -> schema.validate(document).stream()
                        .map(ValidationMessage::getMessage)
                        .sorted()
                        .limit(MAX_REPORTED_ERRORS)
                        .toList())
                .orElse(List.of());
    }
}
