package dev.drift.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.drift.embedded.netbox.FakeNetBox;
import dev.drift.service.policy.Policy;
import dev.drift.service.security.Api.Answer;
import dev.drift.service.support.ServiceIT;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Bearer tokens end to end: which requests get through with which token, token management, the
 * NetBox webhook left to its own signature, and token values kept out of logs and answers.
 */
@MicronautTest(transactional = false)
class SecurityIT extends ServiceIT {
    private static final String BOOTSTRAP = "bootstrap-admin-token-of-security-it-0123456789";
    private static final String NETBOX_TOKEN = "0123456789abcdef0123456789abcdef01234567";
    private static final String HOOK_SECRET = "hook-secret";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String POLICY = "{\"name\": \"%s\", \"severity\": \"high\"}";
    private static final String EXCEPTION = """
            {"ci": "web-*", "field": "file[/etc/ssh/sshd_config].*", "reason": "pilot", "approved_by": "cab",
             "expires_at": "2099-01-01T00:00:00Z"}""";
    private static final String CHANGE = """
            {"change_id": "CHG0030001", "ci_id": "web-01", "fields": ["file[/etc/nginx/*"],
             "starts_at": "2099-01-01T00:00:00Z", "ends_at": "2099-01-02T00:00:00Z", "approved_by": "cab"}""";

    private final FakeNetBox netbox = new FakeNetBox(NETBOX_TOKEN).start();
    private final Logger driftLogger = (Logger) LoggerFactory.getLogger("dev.drift");
    private final Level driftLevel = driftLogger.getLevel();
    private final ListAppender<ILoggingEvent> logs = capture(driftLogger);

    @Inject
    @Client("/")
    HttpClient client;

    private Api api;
    private String viewer;
    private String operator;

    @Override
    protected Map<String, String> overrides() {
        return Map.ofEntries(
                Map.entry("drift.security.enabled", "true"),
                Map.entry("drift.security.bootstrap-admin-token", BOOTSTRAP),
                Map.entry("drift.security.rate-limit", "1000"),
                Map.entry("drift.desired.source", "netbox"),
                Map.entry("drift.desired.netbox.url", netbox.url()),
                Map.entry("drift.desired.netbox.token", NETBOX_TOKEN),
                Map.entry("drift.desired.netbox.webhook-secret", HOOK_SECRET));
    }

    @BeforeAll
    void issueTokens() {
        api = new Api(client);
        viewer = issue("it-viewer", "viewer", BOOTSTRAP);
        operator = issue("it-operator", "operator", BOOTSTRAP);
    }

    @AfterAll
    void stop() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        driftLogger.setLevel(driftLevel);
        netbox.close();
    }

    static Stream<Arguments> mutations() {
        UUID someId = UUID.randomUUID();
        String events = "/drift/events/" + someId;
        String defaultPolicy = "/drift/policies/" + Policy.DEFAULT_ID;
        return Stream.of(
                Arguments.of(HttpMethod.POST, "/drift/policies", POLICY.formatted("refused"), "admin"),
                Arguments.of(HttpMethod.PATCH, defaultPolicy, "{\"severity\": \"low\"}", "admin"),
                Arguments.of(HttpMethod.DELETE, defaultPolicy, null, "admin"),
                Arguments.of(HttpMethod.POST, events + "/acknowledge", "{\"comment\": \"x\"}", "operator"),
                Arguments.of(HttpMethod.POST, events + "/remediate", "{}", "operator"),
                Arguments.of(HttpMethod.POST, "/drift/exceptions", EXCEPTION, "operator"),
                Arguments.of(HttpMethod.DELETE, "/drift/exceptions/" + someId, null, "operator"),
                Arguments.of(HttpMethod.POST, "/drift/changes", CHANGE, "operator"),
                Arguments.of(HttpMethod.DELETE, "/drift/changes/CHG0030001", null, "operator"),
                Arguments.of(HttpMethod.POST, "/drift/tokens", "{\"name\": \"x\", \"role\": \"admin\"}", "admin"),
                Arguments.of(HttpMethod.DELETE, "/drift/tokens/" + someId, null, "admin"),
                Arguments.of(HttpMethod.POST, "/drift/packs/reload", null, "admin"),
                Arguments.of(HttpMethod.GET, "/drift/tokens", null, "admin"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("mutations")
    void withoutATokenEveryMutationIsUnauthorized(HttpMethod method, String path, String body, String role) {
        Answer answer = api.send(request(method, path, body));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(answer.header("Content-Type")).hasValue(PROBLEM_JSON);
        assertThat(answer.json().path("status").asInt()).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("mutations")
    void aViewerMayChangeNothing(HttpMethod method, String path, String body, String role) {
        Answer answer = api.send(request(method, path, body), viewer);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.header("Content-Type")).hasValue(PROBLEM_JSON);
        assertThat(answer.json().path("detail").asText())
                .isEqualTo("role " + role + " is required; token it-viewer has role viewer");
    }

    @Test
    void anUnknownTokenIsUnauthorized() {
        Answer answer = api.send(HttpRequest.GET("/drift/events"), TokenValues.generate());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).hasValue("Bearer realm=\"drift\", error=\"invalid_token\"");
    }

    @Test
    void aViewerReadsEverythingButTokens() {
        for (String path : List.of("/drift/events", "/drift/policies", "/drift/exceptions", "/drift/changes",
                "/drift/policies/" + Policy.DEFAULT_ID, "/drift/packs")) {
            assertThat(api.send(HttpRequest.GET(path), viewer).status()).as(path).isEqualTo(200);
        }
        assertThat(api.send(HttpRequest.GET("/drift/events/" + UUID.randomUUID()), viewer).status()).isEqualTo(404);
    }

    @Test
    void otherSpellingsOfTheTokensPathAreNotReadableByAViewer() {
        for (String path : List.of("/drift/tokens/", "//drift/tokens", "/drift/%74okens", "/drift/events/../tokens")) {
            assertThat(api.send(HttpRequest.GET(path), viewer).status()).as(path).isNotEqualTo(200);
        }
    }

    @Test
    void anOperatorActsOnDriftButNotOnPolicies() {
        assertThat(api.send(request(HttpMethod.POST, "/drift/events/" + UUID.randomUUID() + "/acknowledge",
                "{\"comment\": \"seen\"}"), operator).status()).isEqualTo(404);
        assertThat(api.send(request(HttpMethod.POST, "/drift/exceptions", EXCEPTION), operator).status())
                .isEqualTo(201);
        assertThat(api.send(request(HttpMethod.POST, "/drift/policies", POLICY.formatted("by-operator")), operator)
                .status()).isEqualTo(403);
        assertThat(api.send(HttpRequest.GET("/drift/policies"), viewer).body()).doesNotContain("by-operator");
    }

    @Test
    void aMutationIsRecordedAsTheTokenNotAsWhoTheClientClaimsToBe() {
        Api.Answer created = api.send(request(HttpMethod.POST, "/drift/exceptions", EXCEPTION)
                .header("X-Drift-Actor", "mallory"), operator);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("created_by").asText()).isEqualTo("it-operator");
    }

    @Test
    void aTokenCreatedThroughTheApiWorksAndRecordsItsCreator() {
        String admin = issue("it-admin", "admin", BOOTSTRAP);
        String second = issue("it-second", "viewer", admin);

        assertThat(api.send(request(HttpMethod.POST, "/drift/policies", POLICY.formatted("by-admin")), admin)
                .status()).isEqualTo(201);
        assertThat(api.send(HttpRequest.GET("/drift/events"), second).status()).isEqualTo(200);
        JsonNode listed = listed("it-second");
        assertThat(listed.path("created_by").asText()).isEqualTo("it-admin");
        assertThat(listed.path("role").asText()).isEqualTo("viewer");
        assertThat(listed.path("revoked_at").isNull()).isTrue();
    }

    @Test
    void aRevokedTokenIsUnauthorizedAtOnce() {
        String token = issue("it-revoked", "viewer", BOOTSTRAP);
        assertThat(api.send(HttpRequest.GET("/drift/events"), token).status()).isEqualTo(200);

        Answer revoked = api.send(HttpRequest.DELETE("/drift/tokens/" + listed("it-revoked").path("id").asText()),
                BOOTSTRAP);

        assertThat(revoked.status()).isEqualTo(204);
        assertThat(api.send(HttpRequest.GET("/drift/events"), token).status()).isEqualTo(401);
        assertThat(listed("it-revoked").path("revoked_at").isNull()).isFalse();
        assertThat(api.send(HttpRequest.DELETE("/drift/tokens/" + UUID.randomUUID()), BOOTSTRAP).status())
                .isEqualTo(404);
    }

    @Test
    void badTokenRequestsAreProblems() {
        issue("it-taken", "viewer", BOOTSTRAP);
        Map<String, Integer> expected = Map.of(
                "{\"name\": \"a\", \"role\": \"root\"}", 400,
                "{\"name\": \"a\", \"role\": \"viewer\", \"scope\": \"all\"}", 400,
                "{\"name\": \"  \", \"role\": \"viewer\"}", 400,
                "{\"name\": \"" + "n".repeat(101) + "\", \"role\": \"viewer\"}", 400,
                "{\"role\": \"viewer\"}", 400,
                "not json", 400,
                "{\"name\": \"it-taken\", \"role\": \"admin\"}", 409,
                "{\"name\": \"bootstrap\", \"role\": \"admin\"}", 409);
        expected.forEach((body, status) -> {
            Answer answer = api.send(request(HttpMethod.POST, "/drift/tokens", body), BOOTSTRAP);
            assertThat(answer.status()).as(body).isEqualTo(status);
            assertThat(answer.header("Content-Type")).as(body).hasValue(PROBLEM_JSON);
        });
    }

    @Test
    void theNetBoxWebhookIsLeftToItsOwnSignature() {
        byte[] body = "{\"event\": \"updated\", \"model\": \"configcontext\", \"data\": {}}"
                .getBytes(StandardCharsets.UTF_8);

        Answer unsigned = api.send(HttpRequest.POST("/drift/webhooks/netbox", body)
                .contentType("application/json"));
        Answer signed = api.send(HttpRequest.POST("/drift/webhooks/netbox", body).contentType("application/json")
                .header("X-Hook-Signature", FakeNetBox.signature(HOOK_SECRET, body)));

        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.header("WWW-Authenticate")).isEmpty();
        assertThat(unsigned.json().path("detail").asText()).contains("X-Hook-Signature");
        assertThat(signed.status()).isEqualTo(202);
        assertThat(api.send(HttpRequest.GET("/health")).status()).isEqualTo(200);
    }

    @Test
    void aTokenShowsOnlyInTheAnswerThatCreatedIt() {
        int before = api.answers().size();
        Answer created = api.send(request(HttpMethod.POST, "/drift/tokens",
                "{\"name\": \"it-secret\", \"role\": \"operator\"}"), BOOTSTRAP);
        String token = created.json().path("token").asText();
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).hasValue("no-store");

        api.send(HttpRequest.GET("/drift/tokens"), token);
        api.send(HttpRequest.GET("/drift/tokens"), BOOTSTRAP);
        api.send(HttpRequest.GET("/drift/events"), token);
        api.send(request(HttpMethod.POST, "/drift/policies", POLICY.formatted("secret")), token);
        api.send(HttpRequest.DELETE("/drift/tokens/" + listed("it-secret").path("id").asText()), BOOTSTRAP);
        api.send(HttpRequest.GET("/drift/events"), token);

        List<Answer> after = api.answers().subList(before, api.answers().size());
        assertThat(after).filteredOn(a -> a != created && a.shows(token)).isEmpty();
        assertThat(after).filteredOn(a -> a.shows(TokenValues.hash(token))).isEmpty();
        assertThat(api.answers()).noneMatch(a -> a.shows(BOOTSTRAP));
        assertThat(logs.list).isNotEmpty().noneMatch(e -> logged(e).contains(token) || logged(e).contains(BOOTSTRAP));
    }

    private String issue(String name, String role, String by) {
        Answer answer = api.send(request(HttpMethod.POST, "/drift/tokens",
                "{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}"), by);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        JsonNode body = answer.json();
        assertThat(body.path("name").asText()).isEqualTo(name);
        return body.path("token").asText();
    }

    private JsonNode listed(String name) {
        Answer answer = api.send(HttpRequest.GET("/drift/tokens"), BOOTSTRAP);
        assertThat(answer.status()).isEqualTo(200);
        for (JsonNode token : answer.json()) {
            assertThat(token.has("token")).isFalse();
            assertThat(token.has("token_hash")).isFalse();
            if (token.path("name").asText().equals(name)) {
                return token;
            }
        }
        throw new AssertionError("no token " + name + " in " + answer.body());
    }

    private static MutableHttpRequest<?> request(HttpMethod method, String path, String body) {
        MutableHttpRequest<?> request = HttpRequest.create(method, path);
        return body == null ? request : request.body(body).contentType("application/json");
    }

    /** Everything drift logs, at every level, while this class runs. */
    private static ListAppender<ILoggingEvent> capture(Logger drift) {
        drift.setLevel(Level.TRACE);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(appender);
        return appender;
    }

    private static String logged(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append(' ').append(t.getMessage());
        }
        return text.toString();
    }
}
