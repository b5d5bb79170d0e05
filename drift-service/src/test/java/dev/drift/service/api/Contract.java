package dev.drift.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.Yaml;

/**
 * The API contract ({@code openapi/drift-api.yaml}) as the build puts it on the classpath, read for
 * tests: its operations, the statuses and media types each may answer with, and its schemas
 * compiled as JSON Schema 2020-12 (the dialect of OpenAPI 3.1) with {@code $ref}s into
 * {@code components} resolved.
 */
final class Contract {
    static final String RESOURCE = "drift/drift-api.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final JsonNode document;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_PATH)
            .build();

    private Contract(JsonNode document) {
        this.document = document;
    }

    /** An operation: upper-case method and the path template as the contract writes it. */
    record Operation(String method, String path) implements Comparable<Operation> {
        /** The path with every parameter name dropped ({@code /drift/events/{}}), to compare with the router's. */
        String shape() {
            return path.replaceAll("\\{[^}]*}", "{}");
        }

        @Override
        public int compareTo(Operation other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** A parameter of an operation: where it goes ({@code path}, {@code query}, {@code header}) and its schema. */
    record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    /** A request body the contract describes: its operation, media type, schema and example. */
    record RequestBody(Operation operation, String mediaType, JsonNode schema, JsonNode example) {
        @Override
        public String toString() {
            return operation + " " + mediaType;
        }
    }

    static Contract load() {
        try (InputStream in = Contract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the contract is not on the classpath: " + RESOURCE);
            }
            Object yaml = new Yaml().load(in);
            return new Contract(JSON.valueToTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String version() {
        return document.path("openapi").asText();
    }

    Set<Operation> operations() {
        Set<Operation> operations = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(name -> {
            if (METHODS.contains(name)) {
                operations.add(new Operation(name.toUpperCase(Locale.ROOT), path.getKey()));
            }
        }));
        return operations;
    }

    /** The extension {@code x-<name>} of the operation, if it has one. */
    Optional<String> extension(Operation operation, String name) {
        JsonNode value = operation(operation).path("x-" + name);
        return value.isMissingNode() ? Optional.empty() : Optional.of(value.asText());
    }

    /** The statuses the operation may answer with. */
    Set<Integer> statuses(Operation operation) {
        Set<Integer> statuses = new TreeSet<>();
        operation(operation).path("responses").fieldNames().forEachRemaining(s -> statuses.add(Integer.parseInt(s)));
        return statuses;
    }

    /** The media types of the operation's answer with this status; empty for an answer without a body. */
    Set<String> mediaTypes(Operation operation, int status) {
        Set<String> types = new TreeSet<>();
        response(operation, status).path("content").fieldNames().forEachRemaining(types::add);
        return types;
    }

    /**
     * The problems of a body the operation answered with (status, media type without parameters);
     * empty when it conforms to the schema the contract gives for them.
     */
    List<String> violations(Operation operation, int status, String mediaType, JsonNode body) {
        JsonNode schema = response(operation, status).path("content").path(mediaType).path("schema");
        if (schema.isMissingNode()) {
            return List.of("no schema for " + status + " " + mediaType + " of " + operation);
        }
        return compile(schema).validate(body).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Every request body of every operation, with its schema ({@code $ref} of the top level resolved). */
    List<RequestBody> requestBodies() {
        List<RequestBody> bodies = new ArrayList<>();
        for (Operation operation : operations()) {
            JsonNode content = operation(operation).path("requestBody").path("content");
            for (Iterator<Map.Entry<String, JsonNode>> it = content.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> media = it.next();
                bodies.add(new RequestBody(operation, media.getKey(), resolve(media.getValue().path("schema")),
                        media.getValue().path("example")));
            }
        }
        return bodies;
    }

    /**
     * The parameters of the operation, those of its path item included, each {@code $ref} (of the
     * parameter and of the top of its schema) resolved.
     */
    List<Parameter> parameters(Operation operation) {
        List<Parameter> parameters = new ArrayList<>();
        JsonNode pathItem = document.path("paths").path(operation.path());
        for (JsonNode list : List.of(pathItem.path("parameters"), operation(operation).path("parameters"))) {
            for (JsonNode node : list) {
                JsonNode p = resolve(node);
                parameters.add(new Parameter(p.path("name").asText(), p.path("in").asText(),
                        p.path("required").asBoolean(false), resolve(p.path("schema"))));
            }
        }
        return parameters;
    }

    /** The least role the operation needs ({@code x-drift-role}): viewer, operator, admin, or none. */
    String role(Operation operation) {
        return extension(operation, "drift-role").orElseThrow(() -> new IllegalStateException(
                operation + " names no x-drift-role"));
    }

    /** The node with a local {@code $ref} at its top followed; other nodes as they are. */
    JsonNode resolved(JsonNode node) {
        return resolve(node);
    }

    private JsonNode operation(Operation operation) {
        JsonNode node = document.path("paths").path(operation.path()).path(operation.method().toLowerCase(Locale.ROOT));
        if (node.isMissingNode()) {
            throw new IllegalArgumentException("the contract has no operation " + operation);
        }
        return node;
    }

    private JsonNode response(Operation operation, int status) {
        JsonNode response = operation(operation).path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) {
            throw new IllegalArgumentException(operation + " has no response " + status + " in the contract");
        }
        return resolve(response);
    }

    /** Follows a local {@code $ref} ({@code #/components/...}) at the top of the node. */
    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.path("$ref");
        return ref.isTextual() ? resolve(document.at(ref.asText().substring(1))) : node;
    }

    /** The schema as a document of its own that carries the contract's components, where its refs point. */
    private JsonSchema compile(JsonNode schema) {
        ObjectNode root = schema.isObject() ? ((ObjectNode) schema).deepCopy() : JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", document.path("components"));
        JsonSchema compiled = factory.getSchema(root, config);
        compiled.initializeValidators();
        return compiled;
    }
}
