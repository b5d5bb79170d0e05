package dev.drift.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.embedded.netbox.FakeNetBox;
import dev.drift.embedded.netbox.VmSpec;
import dev.drift.service.api.AbuseClient.Answer;
import dev.drift.service.api.AbuseRequests.Probe;
import dev.drift.service.api.Contract.Operation;
import dev.drift.service.support.ServiceIT;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API abuse (issue 9): requests generated from the contract ({@code openapi/drift-api.yaml}, read at
 * test time by {@link AbuseRequests}) with invalid parameter values, invalid and oversize bodies,
 * wrong content types and missing or bad tokens. No answer may be a server error, every error must
 * be problem JSON, and every operation without the right token or role must be refused (401/403)
 * and change nothing.
 *
 * <p>Security is on, with the rate limit raised far beyond what this test sends, so that abuse
 * reaches the handlers instead of stopping at 429 ({@code SecurityRateLimitIT} covers the limit);
 * a 429 here fails the test. Desired state comes from the in-process NetBox, so that the webhook is
 * served too. Random parts come from one seed, {@code -Ddrift.abuse.seed} (default
 * {@value #DEFAULT_SEED}), named in every failure report.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiAbuseIT extends ServiceIT {
    private static final long DEFAULT_SEED = 9;
    private static final String ADMIN = "bootstrap-admin-token-of-api-abuse-it-0123456";
    private static final String NETBOX_TOKEN = "0123456789abcdef0123456789abcdef01234567";
    private static final String HOOK_SECRET = "abuse-hook-secret";
    private static final String CI = "abuse-web-1";
    private static final String CHANGE = "CHG-ABUSE";
    private static final String PACK = "abuse-ssh";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Logger LOG = LoggerFactory.getLogger(ApiAbuseIT.class);

    private final long seed = Long.getLong("drift.abuse.seed", DEFAULT_SEED);
    private final Random random = new Random(seed);
    private final FakeNetBox netbox = new FakeNetBox(NETBOX_TOKEN).start();
    private final Path packs = packsDirectory();
    private final Contract contract = Contract.load();
    private final Map<String, String> bearers = new LinkedHashMap<>();

    @Inject
    EmbeddedServer server;

    private AbuseClient client;
    private AbuseRequests requests;
    private String eventId;
    private String policyId;
    private String exceptionId;
    private String tokenId;
    private String jobId;
    private String revoked;

    @Override
    protected Map<String, String> overrides() {
        return Map.ofEntries(
                Map.entry("drift.security.enabled", "true"),
                Map.entry("drift.security.bootstrap-admin-token", ADMIN),
                Map.entry("drift.security.rate-limit", "1000000"),
                Map.entry("drift.desired.source", "netbox"),
                Map.entry("drift.desired.netbox.url", netbox.url()),
                Map.entry("drift.desired.netbox.token", NETBOX_TOKEN),
                Map.entry("drift.desired.netbox.webhook-secret", HOOK_SECRET),
                Map.entry("drift.compliance.packs-directory", packs.toString()),
                Map.entry("drift.sweep.enabled", "false"));
    }

    /**
     * Something of every kind the API names by id, so that a valid request of every operation would
     * act on something real: a drift event (seeded through a real event), a policy, an exception, a
     * change window, a reconcile job, a token, a loaded pack and a pack file a reload would load.
     */
    @BeforeAll
    void seed() throws IOException {
        client = new AbuseClient(server.getURI());
        bearers.put("admin", "Bearer " + ADMIN);
        bearers.put("viewer", "Bearer " + issue("abuse-viewer", "viewer").path("token").asText());
        bearers.put("operator", "Bearer " + issue("abuse-operator", "operator").path("token").asText());
        JsonNode toRevoke = issue("abuse-revoked", "viewer");
        revoked = toRevoke.path("token").asText();
        expect(204, "DELETE", "/drift/tokens/" + toRevoke.path("id").asText(), null);
        tokenId = issue("abuse-victim", "viewer").path("id").asText();

        netbox.virtualMachines().add(VmSpec.named(CI).withStatus("active").withResources(2.0, 4096, 20480));
        streams.add("vm.power_changed", "{\"ci_id\":\"" + CI + "\",\"power_state\":\"off\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> streams.entriesFor("drift.detected", CI).size() == 1);
        eventId = json(expect(200, "GET", "/drift/events?ci=" + CI, null)).path("items").path(0).path("id").asText();
        policyId = json(expect(201, "POST", "/drift/policies", "{\"name\": \"abuse-victim\"}")).path("id").asText();
        exceptionId = json(expect(201, "POST", "/drift/exceptions", """
                {"ci": "abuse-*", "field": "power_state", "reason": "abuse test", "approved_by": "cab",
                 "expires_at": "2099-01-01T00:00:00Z"}""")).path("id").asText();
        expect(201, "POST", "/drift/changes", """
                {"change_id": "%s", "ci_id": "%s", "starts_at": "2099-01-01T00:00:00Z",
                 "ends_at": "2099-01-02T00:00:00Z", "approved_by": "cab"}""".formatted(CHANGE, CI));
        jobId = json(expect(202, "POST", "/drift/reconcile", null)).path("job_id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> !json(expect(200, "GET", "/drift/reconcile/" + jobId, null))
                .path("status").asText().equals("running"));
        Files.writeString(packs.resolve("abuse-unloaded.yaml"), pack("abuse-unloaded"));

        requests = new AbuseRequests(contract, new Samples(), random);
    }

    @AfterAll
    void stopNetBox() {
        netbox.close();
    }

    @Test
    @Order(1)
    void everyOperationRefusesMissingBadAndTooLowCredentialsAndChangesNothing() {
        Map<String, String> before = observable();
        List<Probe> probes = requests.credentials();

        AbuseClient.Result result = client.sendAll(probes);
        LOG.info("credentials (seed {}): {}", seed, result);

        assertThat(result.failures()).as(result.report(seed)).isEmpty();
        assertThat(probes.stream().filter(Probe::mutating).map(Probe::operation).distinct())
                .as("mutations probed with bad credentials")
                .containsExactlyInAnyOrderElementsOf(contract.operations().stream()
                        .filter(op -> !op.method().equals("GET")).toList());
        Map<String, String> after = observable();
        after.forEach((what, now) -> assertThat(now).as(what + " after refused requests").isEqualTo(before.get(what)));
    }

    @Test
    @Order(2)
    void invalidParameterValuesAreAnsweredWithoutServerErrors() {
        AbuseClient.Result result = client.sendAll(requests.parameters());
        LOG.info("parameters (seed {}): {}", seed, result);

        assertThat(result.failures()).as(result.report(seed)).isEmpty();
    }

    @Test
    @Order(2)
    void invalidAndOversizeBodiesAreAnsweredWithoutServerErrors() {
        AbuseClient.Result result = client.sendAll(requests.bodies());
        LOG.info("bodies (seed {}): {}", seed, result);

        assertThat(result.failures()).as(result.report(seed)).isEmpty();
    }

    @Test
    @Order(2)
    void wrongContentTypesAndAcceptsAreAnsweredWithoutServerErrors() {
        AbuseClient.Result result = client.sendAll(requests.mediaTypes());
        LOG.info("media types (seed {}): {}", seed, result);

        assertThat(result.failures()).as(result.report(seed)).isEmpty();
    }

    @Test
    @Order(3)
    void everyOperationWasAbusedAndTheServiceStillServes() {
        assertThat(client.abused()).containsExactlyInAnyOrderElementsOf(contract.operations());
        assertThat(client.send("GET", "/drift/events?ci=" + CI, bearers.get("admin"), null).status()).isEqualTo(200);
        assertThat(client.send("GET", "/health", bearers.get("admin"), null).status()).isEqualTo(200);
    }

    /** What a mutation that got through would change, read as admin and from the database. */
    private Map<String, String> observable() {
        Map<String, String> state = new LinkedHashMap<>();
        for (String path : List.of("/drift/policies", "/drift/exceptions?include_ended=true",
                "/drift/changes?include_ended=true", "/drift/events/" + eventId, "/drift/events?size=500",
                "/drift/packs")) {
            state.put(path, expect(200, "GET", path, null).body());
        }
        JsonNode tokens = json(expect(200, "GET", "/drift/tokens", null));
        tokens.forEach(token -> ((ObjectNode) token).remove("last_used_at"));
        state.put("/drift/tokens", tokens.toString());
        state.put("reconcile jobs", Long.toString(count("reconcile_job")));
        state.put("drift actions", Long.toString(count("drift_action")));
        return state;
    }

    private long count(String table) {
        try (Connection c = DriverManager.getConnection(property("datasources.default.url"),
                property("datasources.default.username"), property("datasources.default.password"));
             Statement st = c.createStatement();
             ResultSet rows = st.executeQuery("select count(*) from " + table)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode issue(String name, String role) {
        return json(expect(201, "POST", "/drift/tokens", "{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}"));
    }

    private Answer expect(int status, String method, String target, String body) {
        Answer answer = client.send(method, target, "Bearer " + ADMIN, body);
        assertThat(answer.status()).as("%s %s -> %s", method, target, answer.body()).isEqualTo(status);
        return answer;
    }

    private static JsonNode json(Answer answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Existing things and tokens for the generator. */
    private final class Samples implements AbuseRequests.Samples {
        @Override
        public String pathValue(Operation operation, String parameter) {
            String path = operation.path();
            if (path.startsWith("/drift/events/")) {
                return eventId;
            }
            if (path.startsWith("/drift/cis/") || path.startsWith("/ui/cis/")) {
                return CI;
            }
            return switch (path) {
                case "/drift/packs/{name}" -> PACK;
                case "/drift/reconcile/{id}" -> jobId;
                case "/drift/policies/{id}" -> policyId;
                case "/drift/exceptions/{id}" -> exceptionId;
                case "/drift/changes/{change_id}" -> CHANGE;
                case "/drift/tokens/{id}" -> tokenId;
                case "/ui/{name}" -> "app.js";
                default -> throw new IllegalArgumentException("no sample for " + parameter + " of " + operation);
            };
        }

        @Override
        public Map<String, String> headers(Operation operation, byte[] body) {
            return operation.path().equals("/drift/webhooks/netbox")
                    ? Map.of("X-Hook-Signature", FakeNetBox.signature(HOOK_SECRET, body)) : Map.of();
        }

        @Override
        public String bearer(String role) {
            return bearers.get(role);
        }

        @Override
        public Map<String, String> badCredentials() {
            byte[] unknown = new byte[32];
            random.nextBytes(unknown);
            String unknownToken = "drift_" + Base64.getUrlEncoder().withoutPadding().encodeToString(unknown);
            Map<String, String> bad = new LinkedHashMap<>();
            bad.put("empty bearer", "Bearer");
            bad.put("blank bearer", "Bearer    ");
            bad.put("basic scheme", "Basic YWRtaW46YWRtaW4=");
            bad.put("admin secret under another scheme", "Token " + ADMIN);
            bad.put("admin secret without a scheme", ADMIN);
            bad.put("truncated admin token", "Bearer " + ADMIN.substring(0, ADMIN.length() - 1));
            bad.put("admin token with a suffix", "Bearer " + ADMIN + "x");
            bad.put("unknown token", "Bearer " + unknownToken);
            bad.put("unknown token, lower-case scheme", "bearer " + unknownToken);
            bad.put("revoked token", "Bearer " + revoked);
            bad.put("over-long token", "Bearer drift_" + "A".repeat(600));
            bad.put("SQL-ish token", "Bearer ' OR '1'='1");
            bad.put("two credentials", "Bearer " + unknownToken + ", Bearer " + ADMIN);
            bad.put("expired unsigned JWT claiming admin",
                    "Bearer eyJhbGciOiJub25lIn0.eyJyb2xlIjoiYWRtaW4iLCJleHAiOjF9.");
            return bad;
        }

        @Override
        public Map<String, String> badSignatures(byte[] body) {
            Map<String, String> bad = new LinkedHashMap<>();
            bad.put("empty signature", "");
            bad.put("signature not hex", "z".repeat(128));
            bad.put("short signature", "ab".repeat(10));
            bad.put("signed with another secret", FakeNetBox.signature("not-the-hook-secret", body));
            bad.put("signature of another body", FakeNetBox.signature(HOOK_SECRET, "{}".getBytes(StandardCharsets.UTF_8)));
            bad.put("signature too long", FakeNetBox.signature(HOOK_SECRET, body) + "00");
            return bad;
        }
    }

    private static Path packsDirectory() {
        try {
            Path directory = Files.createTempDirectory("drift-abuse-packs-");
            Files.writeString(directory.resolve(PACK + ".yaml"), pack(PACK));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pack(String name) {
        return """
                name: %s
                version: "1.0"
                description: Abuse test pack
                items:
                  - id: no-root-login
                    field: file[/etc/ssh/sshd_config].setting[PermitRootLogin]
                    equals: no
                """.formatted(name);
    }
}
