package dev.drift.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.api.Contract.Operation;
import dev.drift.service.api.Contract.Parameter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Abusive requests for every operation of the contract ({@code openapi/drift-api.yaml}), generated
 * from its parameters, request bodies and roles: each request is a valid one (existing ids from
 * {@link Samples}, the contract's example body, the admin token) with one thing made wrong, so that
 * the wrong thing is what the server has to cope with.
 *
 * <ul>
 *   <li>{@link #parameters()}: each path, query and header parameter given invalid values, and odd query strings;
 *   <li>{@link #bodies()}: each member of each body given wrong types and edge values, required members
 *       missing, an extra member, deep nesting, a 5 MB body, invalid JSON and invalid UTF-8;
 *   <li>{@link #mediaTypes()}: wrong or missing {@code Content-Type}, unserviceable {@code Accept};
 *   <li>{@link #credentials()}: no, malformed, unknown and revoked tokens, too low a role, bad webhook
 *       signatures; only these probes name the statuses they must get (401 or 403).
 * </ul>
 */
final class AbuseRequests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final List<String> ROLES = List.of("viewer", "operator", "admin");
    static final int FIVE_MB = 5 * 1024 * 1024;

    private final Contract contract;
    private final Samples samples;
    private final AbuseValues values;

    /** What the generator needs from the running service: things that exist, and tokens. */
    interface Samples {
        /** A value of the path parameter that names something that exists. */
        String pathValue(Operation operation, String parameter);

        /** Headers a valid request with this body carries besides the token (the webhook's signature). */
        Map<String, String> headers(Operation operation, byte[] body);

        /** {@code Authorization} header value of a live token with this role (viewer, operator, admin). */
        String bearer(String role);

        /** {@code Authorization} values that must be refused with 401, by what is wrong with them. */
        Map<String, String> badCredentials();

        /** {@code X-Hook-Signature} values that must be refused with 401 for this body, by what is wrong. */
        Map<String, String> badSignatures(byte[] body);
    }

    /**
     * One request: what it abuses ({@code kind}), method, target (path and query as sent, already
     * percent-encoded), headers, body, and the statuses it must get (empty: any but 5xx).
     */
    record Probe(Operation operation, String kind, String method, String target, Map<String, String> headers,
                 byte[] body, Set<Integer> expected) {
        boolean mutating() {
            return MUTATING.contains(method);
        }

        Probe withHeader(String name, String value) {
            Map<String, String> changed = new LinkedHashMap<>(headers);
            changed.put(name, value);
            return new Probe(operation, kind, method, target, changed, body, expected);
        }

        Probe without(String header) {
            Map<String, String> changed = new LinkedHashMap<>(headers);
            changed.remove(header);
            return new Probe(operation, kind, method, target, changed, body, expected);
        }

        /** The content type, or none at all for an empty one. */
        Probe withContentType(String type) {
            return type.isEmpty() ? without("Content-Type") : withHeader("Content-Type", type);
        }

        Probe retarget(String changed) {
            return new Probe(operation, kind, method, changed, headers, body, expected);
        }

        Probe expecting(int status, String what) {
            return new Probe(operation, "credentials " + what, method, target, headers, body, Set.of(status));
        }

        @Override
        public String toString() {
            String shown = new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8);
            return "[" + kind + "] " + method + " " + abbreviated(target) + " headers=" + headers.keySet()
                    + " body(" + body.length + " B)=" + shown.replaceAll("\\p{Cntrl}", "?");
        }
    }

    AbuseRequests(Contract contract, Samples samples, Random random) {
        this.contract = contract;
        this.samples = samples;
        this.values = new AbuseValues(random);
    }

    List<Probe> parameters() {
        List<Probe> probes = new ArrayList<>();
        for (Operation op : contract.operations()) {
            for (Parameter parameter : contract.parameters(op)) {
                for (String value : values.text(parameter.schema())) {
                    parameter(op, parameter, value).ifPresent(probes::add);
                }
            }
            if (contract.parameters(op).stream().noneMatch(p -> p.in().equals("query"))) {
                probes.add(validWithBody(op, "query unknown=1").retarget(target(op, Map.of()) + "?unknown=1"));
                continue;
            }
            for (String query : List.of("unknown=1", "size=1&size=abc", "=x", "&&&", "a", "status%5B%5D=open",
                    "%25zz=1", "page=" + "9".repeat(30) + "&size=500")) {
                probes.add(validWithBody(op, "query " + query).retarget(target(op, Map.of()) + "?" + query));
            }
        }
        return probes;
    }

    List<Probe> bodies() {
        List<Probe> probes = new ArrayList<>();
        for (Contract.RequestBody body : contract.requestBodies()) {
            JsonNode valid = example(body);
            for (Map.Entry<String, JsonNode> variant : variants(body.schema(), valid, "").entrySet()) {
                probes.add(withBody(body, "body " + variant.getKey(), bytes(variant.getValue())));
            }
            raw(valid).forEach((what, bytes) -> probes.add(withBody(body, "body " + what, bytes)));
        }
        for (Operation op : contract.operations()) {
            if (MUTATING.contains(op.method()) && contract.requestBodies().stream().noneMatch(b -> b.operation().equals(op))) {
                probes.add(carrying(valid(op, "unexpected body", target(op, Map.of())), "application/json",
                        "{\"unexpected\": [".getBytes(StandardCharsets.UTF_8)));
            }
        }
        return probes;
    }

    List<Probe> mediaTypes() {
        List<Probe> probes = new ArrayList<>();
        for (Contract.RequestBody body : contract.requestBodies()) {
            byte[] valid = bytes(example(body));
            for (String type : List.of("", "text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data", "application/json; charset=utf-16", "application/json; charset=nope",
                    "garbage", "*/*", "application/", "application/json, text/plain", "image/png")) {
                probes.add(withBody(body, "content-type '" + type + "'", valid).withContentType(type));
            }
        }
        for (Operation op : contract.operations()) {
            for (String accept : List.of("application/xml", "text/html", "image/png", "garbage",
                    "application/json;q=0", "*/*;q=x")) {
                Probe probe = validWithBody(op, "accept '" + accept + "'");
                probes.add(probe.withHeader("Accept", accept));
            }
        }
        return probes;
    }

    List<Probe> credentials() {
        List<Probe> probes = new ArrayList<>();
        for (Operation op : contract.operations()) {
            String role = contract.role(op);
            Probe valid = validWithBody(op, "valid");
            if (op.path().equals("/drift/webhooks/netbox")) {
                probes.add(valid.without("X-Hook-Signature").withHeader("Authorization", samples.bearer("admin"))
                        .expecting(401, "no signature, an admin token"));
                samples.badSignatures(valid.body()).forEach((what, signature) ->
                        probes.add(valid.withHeader("X-Hook-Signature", signature).expecting(401, what)));
                continue;
            }
            if (role.equals("none")) {
                continue;
            }
            probes.add(valid.without("Authorization").expecting(401, "no token"));
            samples.badCredentials().forEach((what, authorization) ->
                    probes.add(valid.withHeader("Authorization", authorization).expecting(401, what)));
            for (String low : ROLES.subList(0, ROLES.indexOf(role))) {
                probes.add(valid.withHeader("Authorization", samples.bearer(low)).expecting(403, "role " + low));
            }
        }
        return probes;
    }

    private Optional<Probe> parameter(Operation op, Parameter parameter, String value) {
        return switch (parameter.in()) {
            case "path" -> Optional.of(validWithBody(op, "path " + parameter.name() + "=" + abbreviated(value))
                    .retarget(target(op, Map.of(parameter.name(), value))));
            case "query" -> Optional.of(validWithBody(op, "query " + parameter.name() + "=" + abbreviated(value))
                    .retarget(target(op, Map.of()) + "?" + encode(parameter.name()) + "=" + encode(value)));
            case "header" -> value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
                    ? Optional.of(validWithBody(op, "header " + parameter.name() + "=" + abbreviated(value))
                            .withHeader(parameter.name(), value))
                    : Optional.empty();
            default -> throw new IllegalStateException("parameter in " + parameter.in() + " of " + op);
        };
    }

    /**
     * Bodies that differ from the valid one in one member: each wrong or edge value, then each
     * required member left out, recursing one level into object members.
     */
    private Map<String, JsonNode> variants(JsonNode schema, JsonNode valid, String prefix) {
        Map<String, JsonNode> variants = new LinkedHashMap<>();
        if (!valid.isObject()) {
            return variants;
        }
        schema.path("properties").fields().forEachRemaining(member -> {
            JsonNode memberSchema = contract.resolved(member.getValue());
            for (JsonNode wrong : values.json(memberSchema)) {
                variants.put(prefix + member.getKey() + "=" + abbreviated(wrong.toString()),
                        ((ObjectNode) valid.deepCopy()).set(member.getKey(), wrong));
            }
            if (prefix.isEmpty() && memberSchema.has("properties")) {
                JsonNode inner = valid.has(member.getKey()) && valid.get(member.getKey()).isObject()
                        ? valid.get(member.getKey()) : JsonNodeFactory.instance.objectNode();
                variants(memberSchema, inner, member.getKey() + ".").forEach((what, changed) ->
                        variants.put(what, ((ObjectNode) valid.deepCopy()).set(member.getKey(), changed)));
            }
        });
        for (JsonNode required : schema.path("required")) {
            ObjectNode without = valid.deepCopy();
            without.remove(required.asText());
            variants.put(prefix + "without " + required.asText(), without);
        }
        variants.put(prefix + "extra member", ((ObjectNode) valid.deepCopy()).put("unexpected_member", "x"));
        return variants;
    }

    /** Bodies that are not the JSON the schema asks for at all, or not JSON. */
    private static Map<String, byte[]> raw(JsonNode valid) {
        Map<String, byte[]> raw = new LinkedHashMap<>();
        for (String text : List.of("", "{", "}", "{\"a\":}", "[1,2", "not json", "null", "[]", "123", "\"text\"",
                "true", "{\"a\":1}{\"b\":2}", "{'a':1}", "{\"a\":1,}", "NaN", "{\"a\":NaN}", "\uFEFF" + valid,
                valid.toString().replaceFirst("\\{", "{\"dup\":1,\"dup\":2,"), "[" + valid + "]")) {
            raw.put("'" + abbreviated(text) + "'", text.getBytes(StandardCharsets.UTF_8));
        }
        raw.put("nested arrays 2,000 deep", nested("[", "]", 2_000));
        raw.put("nested arrays 50,000 deep", nested("[", "]", 50_000));
        raw.put("nested objects 5,000 deep", nested("{\"a\":", "}", 5_000));
        raw.put("5 MB member", padded(valid, FIVE_MB));
        raw.put("900 KB member", padded(valid, 900 * 1024));
        raw.put("5 MB of spaces", " ".repeat(FIVE_MB).getBytes(StandardCharsets.UTF_8));
        for (String bytes : List.of("c328", "fffe", "c0af", "eda080", "f4908080", "80")) {
            raw.put("invalid UTF-8 " + bytes, invalidUtf8(valid, HexFormat.of().parseHex(bytes)));
        }
        return raw;
    }

    private Probe withBody(Contract.RequestBody body, String kind, byte[] bytes) {
        return carrying(valid(body.operation(), kind, target(body.operation(), Map.of())), body.mediaType(), bytes);
    }

    /** The probe with this body and content type, and the headers a valid request with the body carries. */
    private Probe carrying(Probe probe, String mediaType, byte[] bytes) {
        Map<String, String> headers = new LinkedHashMap<>(probe.headers());
        headers.put("Content-Type", mediaType);
        headers.putAll(samples.headers(probe.operation(), bytes));
        return new Probe(probe.operation(), probe.kind(), probe.method(), probe.target(), headers, bytes,
                probe.expected());
    }

    /** The valid request of the operation, with its example body when it takes one. */
    private Probe validWithBody(Operation op, String kind) {
        Probe probe = valid(op, kind, target(op, Map.of()));
        return contract.requestBodies().stream().filter(b -> b.operation().equals(op)).findFirst()
                .map(body -> carrying(probe, body.mediaType(), bytes(example(body)))).orElse(probe);
    }

    private Probe valid(Operation op, String kind, String target) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (!contract.role(op).equals("none")) {
            headers.put("Authorization", samples.bearer("admin"));
        }
        return new Probe(op, kind, op.method(), target, headers, new byte[0], Set.of());
    }

    /** The operation's path with every path parameter an existing value, or the given (abusive) one. */
    private String target(Operation op, Map<String, String> abusive) {
        String target = op.path();
        for (Parameter parameter : contract.parameters(op)) {
            if (parameter.in().equals("path")) {
                String value = abusive.get(parameter.name());
                String encoded = value == null ? encode(samples.pathValue(op, parameter.name()))
                        : AbuseValues.RAW.contains(value) ? value : encode(value);
                target = target.replace("{" + parameter.name() + "}", encoded);
            }
        }
        return target;
    }

    private JsonNode example(Contract.RequestBody body) {
        if (!body.example().isMissingNode()) {
            return body.example();
        }
        ObjectNode skeleton = JsonNodeFactory.instance.objectNode();
        body.schema().path("properties").fields().forEachRemaining(member -> skeleton.set(member.getKey(),
                AbuseValues.types(member.getValue()).contains("object") ? JsonNodeFactory.instance.objectNode()
                        : JsonNodeFactory.instance.textNode("abuse")));
        return skeleton;
    }

    /** Every byte but the unreserved characters of RFC 3986 percent-encoded, from UTF-8. */
    static String encode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 0x80 || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return encoded.toString();
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] nested(String open, String close, int depth) {
        return (open.repeat(depth) + (open.equals("[") ? "" : "1") + close.repeat(depth)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] padded(JsonNode valid, int size) {
        ObjectNode padded = valid.isObject() ? valid.deepCopy() : JsonNodeFactory.instance.objectNode();
        return bytes(padded.put("padding", "p".repeat(size)));
    }

    /** The valid body with one more member whose string value holds bytes that are not UTF-8. */
    private static byte[] invalidUtf8(JsonNode valid, byte[] bad) {
        String marker = "MARKER-FOR-INVALID-UTF8";
        ObjectNode marked = valid.isObject() ? valid.deepCopy() : JsonNodeFactory.instance.objectNode();
        String[] parts = marked.put("comment", marker).toString().split(marker, 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(parts[0].getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bad);
        out.writeBytes(parts[1].getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static String abbreviated(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 60) + "...(" + text.length() + " chars)";
    }
}
