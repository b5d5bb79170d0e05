package dev.drift.agent.publish;

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
import java.util.List;

/** openapi/events/agent.heartbeat.schema.json, as the service would apply it (formats asserted). */
final class HeartbeatSchema {
    private static final JsonSchema SCHEMA = load();

    private HeartbeatSchema() {
    }

    private static JsonSchema load() {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH)
                .build();
        try (InputStream in = HeartbeatSchema.class.getClassLoader()
                .getResourceAsStream("events/agent.heartbeat.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> problems(JsonNode payload) {
        return SCHEMA.validate(payload).stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
