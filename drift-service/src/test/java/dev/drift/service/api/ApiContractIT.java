package dev.drift.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.embedded.netbox.FakeNetBox;
import dev.drift.embedded.netbox.VmSpec;
import dev.drift.service.api.Contract.Operation;
import dev.drift.service.api.ContractClient.Answer;
import dev.drift.service.compliance.StoredChecks;
import dev.drift.service.policy.Policy;
import dev.drift.service.support.ServiceIT;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API against its contract, {@code openapi/drift-api.yaml}, in both directions: every operation
 * of the contract is served and answers with a status the contract lists and a body its schema
 * accepts (errors included), and the router serves no operation the contract lacks.
 *
 * <p>Security is on (tokens exist only then, and 401/403 answers are part of the contract) and
 * desired state comes from the in-process NetBox (the webhook exists only then); drift is seeded
 * through a real event on a VM NetBox wants powered on.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiContractIT extends ServiceIT {
    private static final String ADMIN = "bootstrap-admin-token-of-api-contract-it-0123";
    private static final String NETBOX_TOKEN = "0123456789abcdef0123456789abcdef01234567";
    private static final String HOOK_SECRET = "contract-hook-secret";
    private static final String CI = "ct-web-1";
    private static final String UNEXPECTED = "unexpected_member";
    /**
     * Management routes the contract leaves out on purpose, each with a request to it and the status
     * anonymous clients get: health by indicator. Every other management endpoint is switched off
     * (application.yml), so it is not a route at all.
     */
    private static final List<ManagementRoute> MANAGEMENT = List.of(
            new ManagementRoute("GET /health/{}", "/health/liveness", 200));

    /** A management route (method and template), a path it serves and the status an anonymous request gets. */
    record ManagementRoute(String route, String path, int status) {
        static boolean covers(String route) {
            return MANAGEMENT.stream().anyMatch(m -> m.route().equals(route.replace("HEAD ", "GET ")));
        }

        HttpRequest<?> request() {
            return HttpRequest.create(HttpMethod.valueOf(route.substring(0, route.indexOf(' '))), path);
        }
    }

    /** One pack that loads and a file that does not, so that both members of the packs list have content. */
    private static final Path PACKS = packsDirectory();

    private final FakeNetBox netbox = new FakeNetBox(NETBOX_TOKEN).start();
    private final Contract contract = Contract.load();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    Router router;

    @Inject
    ApplicationContext context;

    private ContractClient api;
    private int vm;
    private String eventId;

    @Override
    protected Map<String, String> overrides() {
        return Map.ofEntries(
                Map.entry("drift.security.enabled", "true"),
                Map.entry("drift.security.bootstrap-admin-token", ADMIN),
                Map.entry("drift.security.rate-limit", "10000"),
                Map.entry("drift.desired.source", "netbox"),
                Map.entry("drift.desired.netbox.url", netbox.url()),
                Map.entry("drift.desired.netbox.token", NETBOX_TOKEN),
                Map.entry("drift.desired.netbox.webhook-secret", HOOK_SECRET),
                Map.entry("drift.compliance.packs-directory", PACKS.toString()),
                Map.entry("micronaut.http.client.follow-redirects", "false"));
    }

    @BeforeAll
    void seedDriftThroughAnEvent() {
        api = new ContractClient(contract, http.toBlocking());
        vm = netbox.virtualMachines().add(VmSpec.named(CI).withStatus("active").withResources(4.0, 8192, 40960));
        streams.add("vm.power_changed", "{\"ci_id\":\"" + CI + "\",\"power_state\":\"off\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> streams.entriesFor("drift.detected", CI).size() == 1);
        eventId = api.expect(200, "GET /drift/events", admin(HttpRequest.GET("/drift/events?ci=" + CI)))
                .json().path("items").path(0).path("id").asText();
    }

    @AfterAll
    void stopNetBox() {
        netbox.close();
    }

    @Test
    @Order(1)
    void theContractIsOpenApi31AndTheServiceServesItself() throws IOException {
        assertThat(contract.version()).isEqualTo("3.1.0");

        Answer served = api.expect(200, "GET /drift/openapi.yaml", admin(HttpRequest.GET("/drift/openapi.yaml")));

        try (InputStream in = getClass().getClassLoader().getResourceAsStream(Contract.RESOURCE)) {
            assertThat(served.body()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    @Order(1)
    void eventsAnswerAsTheContractSays() {
        String detail = "/drift/events/" + eventId;
        api.expect(200, "GET /drift/events", admin(HttpRequest.GET(
                "/drift/events?status=open&category=state&severity=high&field=power_*&sort=-severity&size=1")));
        api.expect(200, "GET /drift/events/export", admin(HttpRequest.GET("/drift/events/export?ci=" + CI)));
        api.expect(200, "GET /drift/events/export", admin(HttpRequest.GET("/drift/events/export?format=csv")));
        api.expect(200, "GET /drift/events/{id}", admin(HttpRequest.GET(detail)));
        api.expect(200, "POST /drift/events/{id}/acknowledge",
                admin(HttpRequest.POST(detail + "/acknowledge", "{\"comment\": \"contract test\"}")));
        api.expect(409, "POST /drift/events/{id}/remediate",
                admin(HttpRequest.POST(detail + "/remediate", "{\"dry_run\": true}")));
        api.expect(400, "GET /drift/events", admin(HttpRequest.GET("/drift/events?status=bogus")));
        api.expect(400, "GET /drift/events/export", admin(HttpRequest.GET("/drift/events/export?format=xml")));
        api.expect(404, "GET /drift/events/{id}", admin(HttpRequest.GET("/drift/events/" + UUID.randomUUID())));
        api.expect(401, "GET /drift/events", HttpRequest.GET("/drift/events"));
    }

    @Test
    @Order(1)
    void cisAndReportsAnswerAsTheContractSays() {
        api.expect(200, "GET /drift/cis/{ci}", admin(HttpRequest.GET("/drift/cis/" + CI)));
        api.expect(404, "GET /drift/cis/{ci}", admin(HttpRequest.GET("/drift/cis/nobody-knows-me")));
        api.expect(200, "GET /drift/report", admin(HttpRequest.GET("/drift/report")));
        api.expect(200, "GET /drift/report/timeline", admin(HttpRequest.GET("/drift/report/timeline?bucket=day")));
        api.expect(400, "GET /drift/report/timeline", admin(HttpRequest.GET("/drift/report/timeline?bucket=week")));
    }

    @Test
    @Order(1)
    void complianceAndPacksAnswerAsTheContractSays() {
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        StoredChecks checks = new StoredChecks(context);
        checks.compliant(CI, "contract-ssh", "1.0", at, UUID.randomUUID());
        checks.nonCompliant(CI, "contract-ssh", "1.0", at.plusSeconds(60), "PermitRootLogin");
        checks.unknown(CI, "contract-other", "-", at.plusSeconds(120), "contract-other is not loaded");
        String history = "/drift/cis/" + CI + "/compliance";
        String viewer = api.expect(201, "POST /drift/tokens", admin(HttpRequest.POST("/drift/tokens",
                "{\"name\": \"contract-pack-viewer\", \"role\": \"viewer\"}"))).json().path("token").asText();

        api.expect(200, "GET /drift/cis/{ci}/compliance", admin(HttpRequest.GET(history)));
        api.expect(200, "GET /drift/cis/{ci}/compliance", admin(HttpRequest.GET(history
                + "?pack=contract-ssh&limit=1&since=" + at)));
        api.expect(400, "GET /drift/cis/{ci}/compliance", admin(HttpRequest.GET(history + "?limit=0")));
        api.expect(404, "GET /drift/cis/{ci}/compliance", admin(HttpRequest.GET("/drift/cis/nobody-knows-me/compliance")));
        api.expect(200, "GET /drift/packs", admin(HttpRequest.GET("/drift/packs")));
        api.expect(200, "POST /drift/packs/reload", admin(HttpRequest.POST("/drift/packs/reload", "")));
        api.expect(403, "POST /drift/packs/reload", HttpRequest.POST("/drift/packs/reload", "").bearerAuth(viewer));
        api.expect(200, "GET /drift/packs/{name}", admin(HttpRequest.GET("/drift/packs/contract-ssh")));
        api.expect(404, "GET /drift/packs/{name}", admin(HttpRequest.GET("/drift/packs/broken")));
    }

    @Test
    @Order(1)
    void reconcileJobsAnswerAsTheContractSays() {
        String job = api.expect(202, "POST /drift/reconcile", admin(HttpRequest.POST("/drift/reconcile", "")))
                .json().path("job_id").asText();

        api.send("POST /drift/reconcile", admin(HttpRequest.POST("/drift/reconcile", "")));
        api.expect(200, "GET /drift/reconcile/{id}", admin(HttpRequest.GET("/drift/reconcile/" + job)));
        api.expect(404, "GET /drift/reconcile/{id}", admin(HttpRequest.GET("/drift/reconcile/" + UUID.randomUUID())));
    }

    @Test
    @Order(1)
    void policiesAnswerAsTheContractSays() {
        api.expect(200, "GET /drift/policies", admin(HttpRequest.GET("/drift/policies")));
        String id = api.expect(201, "POST /drift/policies", admin(HttpRequest.POST("/drift/policies", """
                {"name": "contract", "match": {"ci_types": ["vm"]}, "severity": "high",
                 "remediation": {"kind": "playbook", "path": "fix.yml", "approval_above": "high"}}""")))
                .json().path("id").asText();
        String policy = "/drift/policies/" + id;
        api.expect(200, "GET /drift/policies/{id}", admin(HttpRequest.GET(policy)));
        api.expect(200, "PATCH /drift/policies/{id}", admin(HttpRequest.PATCH(policy, "{\"remediation\": null}")
                .contentType("application/merge-patch+json")));
        api.expect(204, "DELETE /drift/policies/{id}", admin(HttpRequest.DELETE(policy)));
        api.expect(404, "GET /drift/policies/{id}", admin(HttpRequest.GET(policy)));
        api.expect(409, "POST /drift/policies", admin(HttpRequest.POST("/drift/policies", "{\"name\": \"default\"}")));
        api.expect(409, "DELETE /drift/policies/{id}", admin(HttpRequest.DELETE("/drift/policies/" + Policy.DEFAULT_ID)));
        api.expect(413, "POST /drift/policies", admin(HttpRequest.POST("/drift/policies",
                "{\"name\": \"" + "x".repeat(70_000) + "\"}")));
    }

    @Test
    @Order(1)
    void exceptionsAndChangesAnswerAsTheContractSays() {
        String id = api.expect(201, "POST /drift/exceptions", admin(HttpRequest.POST("/drift/exceptions", """
                {"ci": "ct-*", "field": "power_state", "allowed_value": "off", "reason": "contract test",
                 "approved_by": "cab", "expires_at": "2099-01-01T00:00:00Z"}"""))).json().path("id").asText();
        api.expect(200, "GET /drift/exceptions", admin(HttpRequest.GET("/drift/exceptions?include_ended=true")));
        api.expect(200, "GET /drift/exceptions/{id}", admin(HttpRequest.GET("/drift/exceptions/" + id)));
        api.expect(204, "DELETE /drift/exceptions/{id}", admin(HttpRequest.DELETE("/drift/exceptions/" + id)));
        api.expect(404, "DELETE /drift/exceptions/{id}", admin(HttpRequest.DELETE("/drift/exceptions/" + UUID.randomUUID())));

        api.expect(201, "POST /drift/changes", admin(HttpRequest.POST("/drift/changes", """
                {"change_id": "CHG-CONTRACT", "ci_id": "ct-web-2", "starts_at": "2099-01-01T00:00:00Z",
                 "ends_at": "2099-01-02T00:00:00Z", "approved_by": "cab"}""")));
        api.expect(200, "GET /drift/changes", admin(HttpRequest.GET("/drift/changes?ci=ct-web-2")));
        api.expect(204, "DELETE /drift/changes/{change_id}", admin(HttpRequest.DELETE("/drift/changes/CHG-CONTRACT")));
        api.expect(404, "DELETE /drift/changes/{change_id}", admin(HttpRequest.DELETE("/drift/changes/CHG-CONTRACT")));
        api.expect(400, "POST /drift/changes", admin(HttpRequest.POST("/drift/changes", "{\"change_id\": 1}")));
    }

    @Test
    @Order(1)
    void tokensAnswerAsTheContractSays() {
        JsonNode issued = api.expect(201, "POST /drift/tokens",
                admin(HttpRequest.POST("/drift/tokens", "{\"name\": \"contract-viewer\", \"role\": \"viewer\"}"))).json();
        String viewer = issued.path("token").asText();

        api.expect(200, "GET /drift/tokens", admin(HttpRequest.GET("/drift/tokens")));
        api.expect(403, "GET /drift/tokens", HttpRequest.GET("/drift/tokens").bearerAuth(viewer));
        api.expect(403, "POST /drift/policies", HttpRequest.POST("/drift/policies", "{\"name\": \"no\"}").bearerAuth(viewer));
        api.expect(204, "DELETE /drift/tokens/{id}", admin(HttpRequest.DELETE("/drift/tokens/" + issued.path("id").asText())));
        api.expect(401, "GET /drift/policies", HttpRequest.GET("/drift/policies").bearerAuth(viewer));
        api.expect(409, "POST /drift/tokens", admin(HttpRequest.POST("/drift/tokens", "{\"name\": \"bootstrap\", \"role\": \"admin\"}")));
    }

    @Test
    @Order(1)
    void webhookAndOpenEndpointsAnswerAsTheContractSays() {
        byte[] hook = FakeNetBox.webhookBody("updated", "virtualmachine", netbox.virtualMachineJson(vm))
                .getBytes(StandardCharsets.UTF_8);
        api.expect(202, "POST /drift/webhooks/netbox", HttpRequest.POST("/drift/webhooks/netbox", hook)
                .contentType(MediaType.APPLICATION_JSON_TYPE).header("X-Hook-Signature", FakeNetBox.signature(HOOK_SECRET, hook)));
        api.expect(401, "POST /drift/webhooks/netbox", HttpRequest.POST("/drift/webhooks/netbox", hook)
                .contentType(MediaType.APPLICATION_JSON_TYPE));
        api.expect(200, "GET /health", HttpRequest.GET("/health"));
        api.expect(200, "GET /prometheus", HttpRequest.GET("/prometheus"));
        api.expect(302, "GET /", HttpRequest.GET("/"));
        api.expect(302, "GET /ui", HttpRequest.GET("/ui"));
        api.expect(200, "GET /ui", HttpRequest.GET("/ui/"));
        api.expect(200, "GET /ui/{name}", HttpRequest.GET("/ui/app.js"));
        api.expect(404, "GET /ui/{name}", HttpRequest.GET("/ui/secrets.txt"));
        api.expect(302, "GET /ui/cis/{ci}", HttpRequest.GET("/ui/cis/" + CI));
    }

    @Test
    @Order(2)
    void everyOperationOfTheContractWasExercised() {
        assertThat(api.exercised()).containsExactlyInAnyOrderElementsOf(contract.operations());
    }

    /**
     * Compares method and path template (parameter names dropped) of every route of the router with
     * the contract's operations. Micronaut adds a HEAD route to every GET route; HEAD is GET without
     * the body (RFC 9110), so it is not described separately.
     */
    @Test
    void theServerServesExactlyTheOperationsOfTheContract() {
        List<String> routes = router.uriRoutes().map(route -> route.getHttpMethodName() + " " + template(route))
                .filter(route -> !ManagementRoute.covers(route))
                .toList();
        Set<String> served = routes.stream().filter(route -> !route.startsWith("HEAD "))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> described = contract.operations().stream().map(op -> op.method() + " " + op.shape())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(served).as("served (left) vs described in the contract").containsExactlyElementsOf(described);
        assertThat(routes.stream().filter(route -> route.startsWith("HEAD ")).map(route -> "GET " + route.substring(5)))
                .as("HEAD only where GET is served").allMatch(served::contains);
    }

    @Test
    void managementEndpointsOutsideTheContractAreSensitiveOrHarmless() {
        for (ManagementRoute management : MANAGEMENT) {
            assertThat(status(management.request())).as(management.path()).isEqualTo(management.status());
        }
    }

    static Stream<Contract.RequestBody> strictBodies() {
        return Contract.load().requestBodies().stream()
                .filter(body -> body.schema().path("additionalProperties").isBoolean()
                        && !body.schema().path("additionalProperties").asBoolean());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strictBodies")
    void anUnknownMemberOfAStrictBodyIsABadRequestNamingIt(Contract.RequestBody body) {
        assertThat(body.example().isObject()).as("the contract's example of %s", body.operation()).isTrue();
        ObjectNode extended = ((ObjectNode) body.example()).deepCopy().put(UNEXPECTED, 1);
        MutableHttpRequest<?> request = HttpRequest.create(HttpMethod.valueOf(body.operation().method()),
                concrete(body.operation())).body(extended.toString()).contentType(body.mediaType());

        Answer answer = api.expect(400, body.operation().toString(), admin(request));

        assertThat(answer.json().path("detail").asText()).contains(UNEXPECTED);
    }

    /** A path of the operation with ids that exist, so that only the body can be at fault. */
    private String concrete(Operation operation) {
        String id = operation.path().startsWith("/drift/policies/") ? Policy.DEFAULT_ID.toString() : eventId;
        return operation.path().replaceAll("\\{[^}]*}", id);
    }

    /** The route's path template without query variables, every path variable written {@code {}}. */
    private static String template(UriRouteInfo<?, ?> route) {
        return route.getUriMatchTemplate().toString().replaceAll("\\{\\?[^}]*}", "").replaceAll("\\{[^}]*}", "{}");
    }

    private int status(HttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, Argument.STRING, Argument.STRING).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    private static <T> MutableHttpRequest<T> admin(MutableHttpRequest<T> request) {
        return request.bearerAuth(ADMIN);
    }

    private static Path packsDirectory() {
        try {
            Path directory = Files.createTempDirectory("drift-contract-packs-");
            Files.writeString(directory.resolve("contract-ssh.yaml"), """
                    name: contract-ssh
                    version: "1.0"
                    description: Contract test pack
                    items:
                      - id: no-root-login
                        field: file[/etc/ssh/sshd_config].setting[PermitRootLogin]
                        equals: no
                      - id: tries
                        title: Few password tries
                        field: file[/etc/ssh/sshd_config].setting[MaxAuthTries]
                        at_most: 4
                    """);
            Files.writeString(directory.resolve("broken.yaml"), "name: broken\n");
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
