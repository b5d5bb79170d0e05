package dev.drift.service.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Seeded-random stream entries for fault injection: malformed ones of every kind the service must
 * dead-letter, interleaved with valid ones whose effect is known. The same seed gives the same
 * entries in the same order.
 *
 * <p>Every sample concerns its own CI, so what one entry does never depends on another. Valid
 * samples need the desired state of {@link #desiredYaml()} for their CI ({@link Sample#managed()}).
 */
final class MalformedEntries {
    static final String POWER = "vm.power_changed";
    static final String FILES = "drift.file_changed";
    static final String NETWORK = "network.changed";
    static final String FACTS = "ansible.facts_collected";
    static final String COMPLIANCE = "compliance.check_result";
    static final String HEARTBEAT = "agent.heartbeat";
    static final List<String> STREAMS = List.of(POWER, FILES, NETWORK, FACTS, COMPLIANCE, HEARTBEAT);

    static final String FILE = "/etc/app.conf";
    static final String FILE_HASH_FIELD = "file[" + FILE + "].sha256";
    static final String DESIRED_SHA = "a".repeat(64);
    private static final int MIB = 1024 * 1024;
    /** Byte sequences that are not UTF-8: stray bytes, a lone continuation, overlong, surrogate, truncated. */
    private static final List<byte[]> NOT_UTF8 = List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xfe},
            new byte[] {(byte) 0x80}, new byte[] {(byte) 0xc0, (byte) 0xaf},
            new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0xc3},
            new byte[] {(byte) 0xf5, (byte) 0x80, (byte) 0x80, (byte) 0x80});

    /** What the service must do with an entry of a kind. */
    enum Outcome {
        DEAD_LETTER, DRIFT, IN_SYNC
    }

    enum Kind {
        INVALID_JSON(Outcome.DEAD_LETTER),
        WRONG_TYPE(Outcome.DEAD_LETTER),
        MISSING_FIELD(Outcome.DEAD_LETTER),
        OVERSIZE(Outcome.DEAD_LETTER),
        INVALID_UTF8(Outcome.DEAD_LETTER),
        DEEP_NESTING(Outcome.DEAD_LETTER),
        /** A CI the desired-state source does not know: documented as an unmanaged-CI drift, not bad input. */
        UNKNOWN_CI(Outcome.DRIFT),
        /** Entry fields and payload members the service does not know: documented as ignored. */
        UNKNOWN_FIELDS(Outcome.DRIFT),
        DRIFTING(Outcome.DRIFT),
        IN_SYNC(Outcome.IN_SYNC);

        final Outcome outcome;

        Kind(Outcome outcome) {
            this.outcome = outcome;
        }
    }

    /**
     * One entry to write.
     *
     * @param fields     builds the entry's fields (raw bytes); built when written, so a 10 MB payload
     *                   lives only as long as its write
     * @param mentions   for a dead letter, what its reason must name (ignoring case)
     * @param driftField for a drifting entry, the field whose drift it opens
     * @param managed    the CI has desired state ({@link #desiredYaml()})
     */
    record Sample(Kind kind, String stream, String ci, Supplier<Map<String, byte[]>> fields, List<String> mentions,
                  String driftField, boolean managed) {
    }

    private final Random random;
    private int next;

    MalformedEntries(long seed) {
        this.random = new Random(seed);
    }

    /** Desired state of every managed sample's CI: powered on, {@link #FILE} with {@link #DESIRED_SHA}. */
    static String desiredYaml() {
        return "type: vm\nfields:\n  power_state: on\n  " + FILE_HASH_FIELD + ": " + DESIRED_SHA + "\n";
    }

    /**
     * The samples in random order: {@code malformed} malformed entries, of which {@code oversize}
     * are 10 MB payloads and the rest spread evenly over the other malformed kinds; and
     * {@code perValidKind} entries of each kind that is not malformed.
     */
    List<Sample> mix(int malformed, int oversize, int perValidKind) {
        List<Sample> samples = new ArrayList<>();
        List<Kind> bad = List.of(Kind.INVALID_JSON, Kind.WRONG_TYPE, Kind.MISSING_FIELD, Kind.INVALID_UTF8,
                Kind.DEEP_NESTING);
        for (int i = 0; i < oversize; i++) {
            samples.add(oversize());
        }
        for (int i = 0; i < malformed - oversize; i++) {
            samples.add(malformed(bad.get(i % bad.size())));
        }
        for (int i = 0; i < perValidKind; i++) {
            samples.add(unknownCi());
            samples.add(unknownFields());
            samples.add(drifting());
            samples.add(inSync());
        }
        Collections.shuffle(samples, random);
        return samples;
    }

    private Sample malformed(Kind kind) {
        return switch (kind) {
            case INVALID_JSON -> invalidJson();
            case WRONG_TYPE -> wrongType();
            case MISSING_FIELD -> missingField();
            case INVALID_UTF8 -> invalidUtf8();
            case DEEP_NESTING -> deepNesting();
            default -> throw new IllegalArgumentException(kind + " is not malformed");
        };
    }

    private Sample invalidJson() {
        String stream = anyStream();
        String ci = ci("bad-json");
        String valid = validPayload(stream, ci);
        String payload = switch (random.nextInt(6)) {
            case 0 -> valid.substring(0, random.nextInt(valid.length() - 1));
            case 1 -> valid + " " + valid;
            case 2 -> valid.replace('"', '\'');
            case 3 -> "{not json";
            case 4 -> pick("[1,2,3]", "\"just text\"", "42", "null", "true", "");
            default -> valid.replace(":", "=");
        };
        return dead(Kind.INVALID_JSON, stream, ci, entry(ci, payload, random.nextBoolean()), "JSON");
    }

    private Sample wrongType() {
        String stream = anyStream();
        String ci = ci("bad-type");
        String member = typedMember(stream);
        String payload = validPayload(stream, ci);
        String path = member;
        if (stream.equals(FACTS)) {
            payload = payload.replace("\"ansible_processor_vcpus\":2", "\"ansible_processor_vcpus\":"
                    + pick("\"two\"", "true", "[]", "{\"x\":1}", "2.5"));
            path = "facts.ansible_processor_vcpus";
        } else {
            payload = replaceMember(payload, member, wrongFor(member));
        }
        return dead(Kind.WRONG_TYPE, stream, ci, entry(ci, payload, random.nextBoolean()), stream + " schema",
                "$." + path);
    }

    private Sample missingField() {
        String stream = anyStream();
        String ci = ci("bad-missing");
        String payload = validPayload(stream, ci);
        return switch (random.nextInt(3)) {
            case 0 -> {
                String member = requiredMember(stream);
                yield dead(Kind.MISSING_FIELD, stream, ci, entry(ci, removeMember(payload, member), false),
                        "required", member);
            }
            case 1 -> {
                // The payload under a name the service does not read.
                String name = pick("data", "body", "event", "Payload");
                yield dead(Kind.MISSING_FIELD, stream, ci, fields(Map.of("ci_id", bytes(ci), name, bytes(payload))),
                        "no payload field");
            }
            default -> dead(Kind.MISSING_FIELD, stream, ci, entry(ci, removeMember(payload, "ci_id"), false),
                    "ci_id");
        };
    }

    private Sample oversize() {
        String stream = anyStream();
        String ci = ci("bad-big");
        String valid = validPayload(stream, ci);
        int size = 10 * MIB + random.nextInt(MIB);
        char filler = (char) ('a' + random.nextInt(26));
        // Valid in every other respect: an unknown member is allowed, so only the size is wrong.
        Supplier<Map<String, byte[]>> fields = () -> {
            String head = valid.substring(0, valid.length() - 1) + ",\"blob\":\"";
            String payload = head + String.valueOf(filler).repeat(size - head.length() - 2) + "\"}";
            return Map.of("ci_id", bytes(ci), "payload", bytes(payload));
        };
        return new Sample(Kind.OVERSIZE, stream, ci, fields, List.of("max-payload-size"), null, false);
    }

    private Sample invalidUtf8() {
        String stream = anyStream();
        String ci = ci("bad-utf8");
        byte[] bad = NOT_UTF8.get(random.nextInt(NOT_UTF8.size()));
        String valid = validPayload(stream, ci);
        if (random.nextInt(4) == 0) {
            // In the ci_id entry field; the payload has none.
            byte[] ciBytes = concat(bytes(ci), bad);
            String payload = removeMember(valid, "ci_id");
            return dead(Kind.INVALID_UTF8, stream, ci, fields(Map.of("ci_id", ciBytes, "payload", bytes(payload))),
                    "not UTF-8", "ci_id");
        }
        String head = valid.substring(0, valid.length() - 1);
        byte[] payload = random.nextBoolean()
                ? concat(bytes(head + ",\"note\":\"caf"), bad, bytes("\"}"))
                : concat(bytes(head), bad, bytes("}"));
        return dead(Kind.INVALID_UTF8, stream, ci, fields(Map.of("ci_id", bytes(ci), "payload", payload)),
                "not UTF-8", "payload");
    }

    private Sample deepNesting() {
        String stream = anyStream();
        String ci = ci("bad-deep");
        int depth = 1_001 + random.nextInt(19_000);
        String deep = random.nextBoolean()
                ? "[".repeat(depth) + "]".repeat(depth)
                : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        String valid = validPayload(stream, ci);
        String payload = random.nextBoolean()
                ? valid.substring(0, valid.length() - 1) + ",\"extra\":" + deep + "}"
                : deep;
        return dead(Kind.DEEP_NESTING, stream, ci, entry(ci, payload, true), "nesting depth");
    }

    private Sample unknownCi() {
        String ci = ci("unknown");
        String stream = random.nextBoolean() ? POWER : FILES;
        return new Sample(Kind.UNKNOWN_CI, stream, ci, entry(ci, validPayload(stream, ci), random.nextBoolean()),
                List.of(), "ci.registered", false);
    }

    private Sample unknownFields() {
        String ci = ci("extra");
        String payload = "{\"ci_id\":\"%s\",\"power_state\":\"off\",\"vendor_extension\":{\"rack\":\"r%d\"},\"tags\":[\"x\"]}"
                .formatted(ci, random.nextInt(100));
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("ci_id", bytes(ci));
        fields.put("payload", bytes(payload));
        fields.put(pick("trace_id", "producer", "x-schema-version"), bytes(Long.toHexString(random.nextLong())));
        fields.put("type", bytes(POWER));
        return new Sample(Kind.UNKNOWN_FIELDS, POWER, ci, fields(fields), List.of(), "power_state", true);
    }

    private Sample drifting() {
        String ci = ci("drift");
        if (random.nextBoolean()) {
            return new Sample(Kind.DRIFTING, POWER, ci, entry(ci, power(ci, "off"), random.nextBoolean()), List.of(),
                    "power_state", true);
        }
        return new Sample(Kind.DRIFTING, FILES, ci, entry(ci, file(ci, sha()), true), List.of(), FILE_HASH_FIELD,
                true);
    }

    private Sample inSync() {
        String ci = ci("sync");
        return switch (random.nextInt(3)) {
            case 0 -> new Sample(Kind.IN_SYNC, POWER, ci, entry(ci, power(ci, "on"), false), List.of(), null, true);
            case 1 -> new Sample(Kind.IN_SYNC, FILES, ci, entry(ci, file(ci, DESIRED_SHA), true), List.of(), null,
                    true);
            default -> new Sample(Kind.IN_SYNC, HEARTBEAT, ci, entry(ci, heartbeat(ci), true), List.of(), null, true);
        };
    }

    private String validPayload(String stream, String ci) {
        return switch (stream) {
            case POWER -> power(ci, pick("on", "off", "poweredOff"));
            case FILES -> file(ci, sha());
            case NETWORK -> "{\"ci_id\":\"%s\",\"interfaces\":[{\"name\":\"eth0\",\"mtu\":1500,\"state\":\"up\"}]}"
                    .formatted(ci);
            case FACTS -> "{\"ci_id\":\"%s\",\"facts\":{\"ansible_hostname\":\"%s\",\"ansible_processor_vcpus\":2}}"
                    .formatted(ci, ci);
            case COMPLIANCE -> "{\"ci_id\":\"%s\",\"check\":\"backup\",\"status\":\"ok\",\"measurements\":{\"age_hours\":5.2}}"
                    .formatted(ci);
            case HEARTBEAT -> heartbeat(ci);
            default -> throw new IllegalArgumentException(stream);
        };
    }

    /** A JSON value of another type than the member's. */
    private String wrongFor(String member) {
        return switch (member) {
            case "seq", "spool_depth" -> pick("\"7\"", "true", "[]", "{\"x\":1}", "2.5");
            case "interfaces" -> pick("\"eth0\"", "42", "true", "{\"name\":\"eth0\"}");
            default -> pick("42", "true", "[]", "{\"x\":1}", "3.5", "null");
        };
    }

    /** A member of the stream's payload whose type the schema fixes (facts: see {@link #wrongType}). */
    private String typedMember(String stream) {
        return switch (stream) {
            case POWER -> "power_state";
            case FILES -> pick("path", "sha256");
            case NETWORK -> "interfaces";
            case FACTS -> "facts";
            case COMPLIANCE -> pick("status", "check");
            case HEARTBEAT -> pick("seq", "spool_depth", "agent");
            default -> throw new IllegalArgumentException(stream);
        };
    }

    private String requiredMember(String stream) {
        return switch (stream) {
            case POWER -> "power_state";
            case FILES -> "path";
            case NETWORK -> "interfaces";
            case FACTS -> "facts";
            case COMPLIANCE -> pick("check", "status");
            case HEARTBEAT -> pick("agent", "seq", "observed_at");
            default -> throw new IllegalArgumentException(stream);
        };
    }

    private static String power(String ci, String state) {
        return "{\"ci_id\":\"%s\",\"power_state\":\"%s\",\"source\":\"libvirt\"}".formatted(ci, state);
    }

    private String file(String ci, String sha) {
        return "{\"ci_id\":\"%s\",\"path\":\"%s\",\"change\":\"modified\",\"sha256\":\"%s\",\"seq\":%d}"
                .formatted(ci, FILE, sha, 1 + random.nextInt(1_000_000));
    }

    private String heartbeat(String ci) {
        return ("{\"ci_id\":\"%s\",\"agent\":\"drift-agent/0.1.0\",\"watched_paths\":10,\"spool_depth\":0,"
                + "\"observed_at\":\"2026-12-06T06:00:30Z\",\"seq\":%d}").formatted(ci, 1 + random.nextInt(1_000_000));
    }

    private String sha() {
        String sha;
        do {
            sha = HexFormat.of().formatHex(randomBytes(32));
        } while (sha.equals(DESIRED_SHA));
        return sha;
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** Replaces the value of a top-level member (written by this class, so {@code "name":value}). */
    private static String replaceMember(String payload, String member, String value) {
        String withoutIt = removeMember(payload, member);
        return withoutIt.substring(0, withoutIt.length() - 1) + ",\"" + member + "\":" + value + "}";
    }

    /**
     * Removes a top-level member: a string, a number, or an object or array without nested brackets
     * of its own kind (the payloads of this class are written so).
     */
    private static String removeMember(String payload, String member) {
        String removed = payload.replaceFirst(
                ",?\"" + member + "\":(\"[^\"]*\"|[0-9.]+|\\{[^}]*}|\\[[^\\]]*])", "");
        if (removed.equals(payload)) {
            throw new IllegalStateException("no member " + member + " in " + payload);
        }
        return removed.replace("{,", "{");
    }

    private Sample dead(Kind kind, String stream, String ci, Supplier<Map<String, byte[]>> fields,
                        String... mentions) {
        return new Sample(kind, stream, ci, fields, List.of(mentions), null, false);
    }

    private static Supplier<Map<String, byte[]>> entry(String ci, String payload, boolean ciField) {
        return ciField ? fields(Map.of("ci_id", bytes(ci), "payload", bytes(payload)))
                : fields(Map.of("payload", bytes(payload)));
    }

    private static Supplier<Map<String, byte[]>> fields(Map<String, byte[]> fields) {
        Map<String, byte[]> copy = Map.copyOf(fields);
        return () -> copy;
    }

    private String anyStream() {
        return STREAMS.get(random.nextInt(STREAMS.size()));
    }

    private String ci(String prefix) {
        return "fz-" + prefix + "-" + next++;
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
