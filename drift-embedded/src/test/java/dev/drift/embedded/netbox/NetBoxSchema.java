package dev.drift.embedded.netbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The component schemas of openapi/netbox/netbox-4.2-drift-subset.json (on the test classpath as
 * netbox/netbox-4.2-drift-subset.json), validated with networknt's OpenAPI 3.0 dialect.
 *
 * <p>Two rewrites before validation, both making the schema say what NetBox sends:
 * <ul>
 *   <li>drf-spectacular writes a nullable relation as {@code {"allOf": [{"$ref": ...}], "nullable": true}}.
 *       OpenAPI 3.0.3 ties {@code nullable} to a sibling {@code type}, so networknt rejects null there,
 *       while NetBox sends null and code generators read the property as nullable. Such schemas
 *       (nullable without type) become {@code anyOf [null, original]}.</li>
 *   <li>A choice object {@code {value, label}} whose value may be blank is nullable: NetBox's
 *       ChoiceField renders a blank choice (no face, no mode, no IP role) as null, and the go-netbox cut
 *       dropped that null.</li>
 * </ul>
 * Deviations the schema cannot express this way are listed in {@link #KNOWN_DEVIATIONS}.
 */
final class NetBoxSchema {
    private static final String RESOURCE = "netbox/netbox-4.2-drift-subset.json";
    private static final String DOCUMENT = "https://drift.test/" + RESOURCE;
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            builder -> builder.metaSchema(OpenApi30.getInstance())
                    .defaultMetaSchemaIri(OpenApi30.getInstance().getIri())
                    .schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT, rewrittenDocument()))));
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    /**
     * Where NetBox 4.2 itself answers outside its schema, and the fake does the same: an interface without a
     * cable path has {@code connected_endpoints_reachable: null}; a config context edited in NetBox has null
     * {@code data_source} and {@code data_file}; an IP without DNS name has {@code dns_name: ""}, which the
     * hostname pattern does not allow.
     */
    static final Pattern KNOWN_DEVIATIONS = Pattern.compile(
            "\\$[^ ]*\\.(connected_endpoints_reachable|data_source|data_file): null found, .*"
                    + "|\\$[^ ]*\\.dns_name: does not match the regex pattern .*");

    private NetBoxSchema() {
    }

    /** The violations of {@code body} against {@code #/components/schemas/<component>}, as readable lines. */
    static List<String> violations(String component, JsonNode body) {
        JsonSchema schema = SCHEMAS.computeIfAbsent(component, c ->
                FACTORY.getSchema(SchemaLocation.of(DOCUMENT + "#/components/schemas/" + c)));
        return schema.validate(body).stream().map(ValidationMessage::toString).sorted().toList();
    }

    /** The violations that are not {@link #KNOWN_DEVIATIONS}. */
    static List<String> unexpectedViolations(String component, JsonNode body) {
        return violations(component, body).stream().filter(v -> !KNOWN_DEVIATIONS.matcher(v).matches()).toList();
    }

    private static String rewrittenDocument() {
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = NetBoxSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            JsonNode document = json.readTree(in);
            return json.writeValueAsString(nullableWithoutType(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode nullableWithoutType(JsonNode node) {
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, nullableWithoutType(array.get(i)));
            }
            return array;
        }
        if (!(node instanceof ObjectNode object)) {
            return node;
        }
        List<String> fields = new ArrayList<>();
        object.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            object.set(field, nullableWithoutType(object.get(field)));
        }
        if (isBlankableChoice(object)) {
            object.put("nullable", true);
            return object;
        }
        if (!object.path("nullable").asBoolean(false) || object.has("type")) {
            return object;
        }
        ObjectNode original = object.deepCopy();
        original.remove("nullable");
        ObjectNode nullOnly = JsonNodeFactory.instance.objectNode();
        nullOnly.putArray("enum").addNull();
        ObjectNode either = JsonNodeFactory.instance.objectNode();
        either.putArray("anyOf").add(nullOnly).add(original);
        return either;
    }

    private static boolean isBlankableChoice(ObjectNode object) {
        JsonNode values = object.path("properties").path("value").path("enum");
        if (!"object".equals(object.path("type").asText()) || !object.path("properties").has("label")) {
            return false;
        }
        for (JsonNode value : values) {
            if ("".equals(value.asText(null))) {
                return true;
            }
        }
        return false;
    }
}
