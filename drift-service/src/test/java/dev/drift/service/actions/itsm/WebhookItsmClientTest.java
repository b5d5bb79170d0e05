package dev.drift.service.actions.itsm;

import static dev.drift.service.actions.itsm.ItsmFixtures.DRIFT_ID;
import static dev.drift.service.actions.itsm.ItsmFixtures.LINK;
import static dev.drift.service.actions.itsm.ItsmFixtures.SECRET;
import static dev.drift.service.actions.itsm.ItsmFixtures.changeSpec;
import static dev.drift.service.actions.itsm.ItsmFixtures.incidentSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.ledger.Severity;
import dev.drift.service.system.DriftException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookItsmClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private WebhookItsmClient client(Duration timeout) {
        return new WebhookItsmClient(ItsmFixtures.webhook(server.url("/hooks/drift?tenant=dc1").toString(), SECRET,
                timeout));
    }

    private WebhookItsmClient client() {
        return client(Duration.ofSeconds(5));
    }

    private static MockResponse answer(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    private RecordedRequest next() throws InterruptedException {
        return server.takeRequest(1, TimeUnit.SECONDS);
    }

    /** What a receiver does: HMAC-SHA256 over "<timestamp>.<raw body>" with the shared secret, in hex. */
    private static String expectedSignature(String timestamp, String body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body)
                .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void postsASignedChangeRequestAndReturnsTheReceiversId() throws Exception {
        server.enqueue(answer(201, "{\"id\":\"CHG-7781\"}"));
        long before = Instant.now().getEpochSecond();

        String id = client().openChangeRequest(changeSpec(Severity.HIGH));

        assertThat(id).isEqualTo("CHG-7781");
        RecordedRequest request = next();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo("/hooks/drift?tenant=dc1");
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("act-" + DRIFT_ID + ":itsm");
        String timestamp = request.getHeader("X-Drift-Timestamp");
        assertThat(Long.parseLong(timestamp)).isBetween(before, Instant.now().getEpochSecond());
        String body = request.getBody().readUtf8();
        assertThat(request.getHeader("X-Drift-Signature")).isEqualTo(expectedSignature(timestamp, body));
        JsonNode json = JSON.readTree(body);
        assertThat(json.path("kind").asText()).isEqualTo("change_request");
        assertThat(json.path("correlation_id").asText()).isEqualTo(DRIFT_ID);
        assertThat(json.path("ci_id").asText()).isEqualTo("ci-web-01");
        assertThat(json.path("ci_name").asText()).isEqualTo("web-01");
        assertThat(json.path("short_description").asText()).isEqualTo("Configuration drift on web-01");
        assertThat(json.path("description").asText()).isEqualTo("PermitRootLogin is yes, desired no");
        assertThat(json.path("severity").asText()).isEqualTo("high");
        assertThat(json.path("link").asText()).isEqualTo(LINK.toString());
    }

    @Test
    void postsTheIncidentWithTheEscalatedCorrelationId() throws Exception {
        server.enqueue(answer(200, "{\"id\":4711}"));

        String id = client().openIncident(incidentSpec());

        assertThat(id).isEqualTo("4711");
        RecordedRequest request = next();
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("act-" + DRIFT_ID + ":escalate");
        JsonNode json = JSON.readTree(request.getBody().readUtf8());
        assertThat(json.path("kind").asText()).isEqualTo("incident");
        assertThat(json.path("correlation_id").asText()).isEqualTo(DRIFT_ID + ":escalated");
        assertThat(json.path("severity").asText()).isEqualTo("critical");
    }

    @Test
    void anAnswerWithoutAnIdReturnsTheCorrelationId() {
        server.enqueue(new MockResponse().setResponseCode(202));
        server.enqueue(answer(200, "{\"status\":\"queued\"}"));
        server.enqueue(answer(200, "{\"id\":null}"));

        assertThat(client().openChangeRequest(changeSpec(Severity.INFO))).isEqualTo(DRIFT_ID);
        assertThat(client().openChangeRequest(changeSpec(Severity.INFO))).isEqualTo(DRIFT_ID);
        assertThat(client().openChangeRequest(changeSpec(Severity.INFO))).isEqualTo(DRIFT_ID);
    }

    @Test
    void aRetrySendsTheSameBodyAndIdempotencyKeySignedAgain() throws Exception {
        server.enqueue(answer(502, "bad gateway"));
        server.enqueue(answer(201, "{\"id\":\"CHG-1\"}"));
        WebhookItsmClient client = client();

        assertThatThrownBy(() -> client.openChangeRequest(changeSpec(Severity.HIGH)))
                .isInstanceOf(DriftException.Retryable.class).hasMessageContaining("502");
        assertThat(client.openChangeRequest(changeSpec(Severity.HIGH))).isEqualTo("CHG-1");

        RecordedRequest first = next();
        RecordedRequest second = next();
        String body = first.getBody().readUtf8();
        assertThat(second.getBody().readUtf8()).isEqualTo(body);
        assertThat(second.getHeader("Idempotency-Key")).isEqualTo(first.getHeader("Idempotency-Key"));
        assertThat(second.getHeader("X-Drift-Signature"))
                .isEqualTo(expectedSignature(second.getHeader("X-Drift-Timestamp"), body));
    }

    @Test
    void aRateLimitIsRetryable() {
        server.enqueue(answer(429, "{}").setHeader("Retry-After", "12"));

        assertThatThrownBy(() -> client().openChangeRequest(changeSpec(Severity.HIGH)))
                .isInstanceOf(DriftException.Retryable.class).hasMessageContaining("Retry-After: 12");
    }

    @Test
    void anUnansweredCallTimesOutAsRetryable() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

        assertThatThrownBy(() -> client(Duration.ofMillis(300)).openIncident(incidentSpec()))
                .isInstanceOf(DriftException.Retryable.class).hasMessageContaining("timed out");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 404, 409, 422})
    void clientErrorsAreTerminal(int status) {
        server.enqueue(answer(status, "{\"error\":{\"message\":\"signature mismatch\"}}"));

        assertThatThrownBy(() -> client().openChangeRequest(changeSpec(Severity.HIGH)))
                .isInstanceOf(DriftException.Terminal.class).hasMessageContaining(Integer.toString(status))
                .hasMessageContaining("signature mismatch");
    }

    @Test
    void theSecretNeverAppearsInFailures() {
        server.enqueue(answer(401, "expected a signature made with " + SECRET));

        assertThatThrownBy(() -> client().openChangeRequest(changeSpec(Severity.HIGH)))
                .isInstanceOf(DriftException.Terminal.class).hasMessageNotContaining(SECRET);
    }
}
