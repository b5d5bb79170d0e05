package dev.drift.service.actions.itsm;

import static dev.drift.service.actions.itsm.ItsmFixtures.DRIFT_ID;
import static dev.drift.service.actions.itsm.ItsmFixtures.LINK;
import static dev.drift.service.actions.itsm.ItsmFixtures.PASSWORD;
import static dev.drift.service.actions.itsm.ItsmFixtures.TOKEN;
import static dev.drift.service.actions.itsm.ItsmFixtures.USER;
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
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceNowClientTest {
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final String NONE_FOUND = "{\"result\":[]}";
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

    private ServiceNowClient basicAuthClient(String assignmentGroup) {
        return new ServiceNowClient(ItsmFixtures.serviceNow(url(), USER, PASSWORD, null, assignmentGroup,
                Duration.ofSeconds(5)));
    }

    private ServiceNowClient basicAuthClient() {
        return basicAuthClient(null);
    }

    private String url() {
        return server.url("/").toString();
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    private static MockResponse created(String number) {
        return json(201, "{\"result\":{\"sys_id\":\"1c741bd70b2322007518478d83673af3\",\"number\":\"" + number
                + "\",\"state\":\"-5\"}}");
    }

    private RecordedRequest next() throws InterruptedException {
        return server.takeRequest(1, TimeUnit.SECONDS);
    }

    private static JsonNode body(RecordedRequest request) throws IOException {
        return JSON.readTree(request.getBody().readUtf8());
    }

    @Test
    void looksUpTheCorrelationIdThenCreatesTheChangeRequest() throws Exception {
        server.enqueue(json(200, NONE_FOUND));
        server.enqueue(created("CHG0030001"));

        String number = basicAuthClient("Linux Ops").openChangeRequest(changeSpec(Severity.HIGH));

        assertThat(number).isEqualTo("CHG0030001");
        RecordedRequest lookup = next();
        assertThat(lookup.getMethod()).isEqualTo("GET");
        assertThat(lookup.getPath()).isEqualTo("/api/now/table/change_request?sysparm_query=correlation_id%3D"
                + DRIFT_ID + "&sysparm_fields=sys_id%2Cnumber&sysparm_limit=1");
        assertThat(lookup.getRequestUrl().queryParameter("sysparm_query")).isEqualTo("correlation_id=" + DRIFT_ID);
        assertThat(lookup.getHeader("Authorization")).isEqualTo(BASIC);
        assertThat(lookup.getHeader("Accept")).isEqualTo("application/json");

        RecordedRequest create = next();
        assertThat(create.getMethod()).isEqualTo("POST");
        assertThat(create.getPath()).isEqualTo("/api/now/table/change_request");
        assertThat(create.getHeader("Authorization")).isEqualTo(BASIC);
        assertThat(create.getHeader("Accept")).isEqualTo("application/json");
        assertThat(create.getHeader("Content-Type")).startsWith("application/json");
        JsonNode ticket = body(create);
        assertThat(ticket.path("short_description").asText()).isEqualTo("Configuration drift on web-01");
        assertThat(ticket.path("description").asText()).startsWith("PermitRootLogin is yes, desired no")
                .contains(LINK.toString());
        assertThat(ticket.path("correlation_id").asText()).isEqualTo(DRIFT_ID);
        assertThat(ticket.path("correlation_display").asText()).isEqualTo("drift");
        assertThat(ticket.path("type").asText()).isEqualTo("normal");
        assertThat(ticket.path("impact").asText()).isEqualTo("2");
        assertThat(ticket.path("urgency").asText()).isEqualTo("1");
        assertThat(ticket.path("cmdb_ci").asText()).isEqualTo("web-01");
        assertThat(ticket.path("assignment_group").asText()).isEqualTo("Linux Ops");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void returnsTheExistingTicketWithoutCreatingAnother() throws Exception {
        server.enqueue(json(200, "{\"result\":[{\"sys_id\":\"a1\",\"number\":\"CHG0029999\"}]}"));

        String number = basicAuthClient().openChangeRequest(changeSpec(Severity.WARNING));

        assertThat(number).isEqualTo("CHG0029999");
        assertThat(next().getMethod()).isEqualTo("GET");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void raisesTheIncidentInTheIncidentTableWithTheEscalatedCorrelationIdAndABearerToken() throws Exception {
        server.enqueue(json(200, NONE_FOUND));
        server.enqueue(created("INC0010042"));
        ServiceNowClient client = new ServiceNowClient(ItsmFixtures.serviceNow(url(), null, null, TOKEN, null,
                Duration.ofSeconds(5)));

        String number = client.openIncident(incidentSpec());

        assertThat(number).isEqualTo("INC0010042");
        RecordedRequest lookup = next();
        assertThat(lookup.getRequestUrl().encodedPath()).isEqualTo("/api/now/table/incident");
        assertThat(lookup.getRequestUrl().queryParameter("sysparm_query"))
                .isEqualTo("correlation_id=" + DRIFT_ID + ":escalated");
        assertThat(lookup.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        RecordedRequest create = next();
        assertThat(create.getPath()).isEqualTo("/api/now/table/incident");
        assertThat(create.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        JsonNode ticket = body(create);
        assertThat(ticket.path("correlation_id").asText()).isEqualTo(DRIFT_ID + ":escalated");
        assertThat(ticket.path("impact").asText()).isEqualTo("1");
        assertThat(ticket.path("urgency").asText()).isEqualTo("1");
        assertThat(ticket.has("type")).isFalse();
        assertThat(ticket.has("assignment_group")).isFalse();
    }

    @Test
    void aRetryAfterAFailedCreateLooksUpAgainAndCreatesOnce() throws Exception {
        server.enqueue(json(200, NONE_FOUND));
        server.enqueue(json(500, "{\"error\":{\"message\":\"Transaction cancelled\"},\"status\":\"failure\"}"));
        server.enqueue(json(200, NONE_FOUND));
        server.enqueue(created("CHG0030002"));
        ServiceNowClient client = basicAuthClient();

        assertThatThrownBy(() -> client.openChangeRequest(changeSpec(Severity.HIGH)))
                .isInstanceOf(DriftException.Retryable.class).hasMessageContaining("500")
                .hasMessageContaining("Transaction cancelled");
        String number = client.openChangeRequest(changeSpec(Severity.HIGH));

        assertThat(number).isEqualTo("CHG0030002");
        assertThat(server.getRequestCount()).isEqualTo(4);
        assertThat(next().getMethod()).isEqualTo("GET");
        String firstPost = next().getBody().readUtf8();
        assertThat(next().getMethod()).isEqualTo("GET");
        RecordedRequest secondPost = next();
        assertThat(secondPost.getMethod()).isEqualTo("POST");
        assertThat(secondPost.getBody().readUtf8()).isEqualTo(firstPost);
    }

    @Test
    void aRateLimitIsRetryableAndSaysWhenToRetry() {
        server.enqueue(json(429, "{\"error\":{\"message\":\"Rate limit exceeded\"}}").setHeader("Retry-After", "30"));

        assertThatThrownBy(() -> basicAuthClient().openChangeRequest(changeSpec(Severity.HIGH)))
                .isInstanceOf(DriftException.Retryable.class).hasMessageContaining("429")
                .hasMessageContaining("Retry-After: 30");
    }

    @Test
    void aServerErrorOnTheLookupIsRetryableAndCreatesNothing() {
        server.enqueue(json(503, "<html>Instance hibernating</html>"));

        assertThatThrownBy(() -> basicAuthClient().openChangeRequest(changeSpec(Severity.HIGH)))
                .isInstanceOf(DriftException.Retryable.class).hasMessageContaining("503");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void anUnansweredCallTimesOutAsRetryable() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        ServiceNowClient client = new ServiceNowClient(ItsmFixtures.serviceNow(url(), USER, PASSWORD, null, null,
                Duration.ofMillis(300)));

        assertThatThrownBy(() -> client.openChangeRequest(changeSpec(Severity.HIGH)))
                .isInstanceOf(DriftException.Retryable.class).hasMessageContaining("timed out");
    }

    @Test
    void anUnreachableInstanceIsRetryable() throws IOException {
        ServiceNowClient client = basicAuthClient();
        server.shutdown();

        assertThatThrownBy(() -> client.openChangeRequest(changeSpec(Severity.HIGH)))
                .isInstanceOf(DriftException.Retryable.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404})
    void clientErrorsAreTerminal(int status) {
        server.enqueue(json(200, NONE_FOUND));
        server.enqueue(json(status, "{\"error\":{\"message\":\"Rejected\",\"detail\":\"nope\"},"
                + "\"status\":\"failure\"}"));

        assertThatThrownBy(() -> basicAuthClient().openChangeRequest(changeSpec(Severity.HIGH)))
                .isInstanceOf(DriftException.Terminal.class)
                .hasMessageContaining("POST change_request").hasMessageContaining(Integer.toString(status))
                .hasMessageContaining("Rejected");
    }

    @Test
    void aCreatedAnswerWithoutANumberIsTerminal() {
        server.enqueue(json(200, NONE_FOUND));
        server.enqueue(json(201, "{\"result\":{\"sys_id\":\"a1\"}}"));

        assertThatThrownBy(() -> basicAuthClient().openChangeRequest(changeSpec(Severity.HIGH)))
                .isInstanceOf(DriftException.Terminal.class).hasMessageContaining("without a ticket number");
    }

    @Test
    void credentialsNeverAppearInFailures() {
        String echo = "{\"error\":{\"message\":\"User " + USER + " with password " + PASSWORD + " / " + BASIC
                + " / " + TOKEN + " not authenticated\"}}";
        server.enqueue(json(401, echo));
        server.enqueue(json(401, echo));
        ServiceNowClient bearer = new ServiceNowClient(ItsmFixtures.serviceNow(url(), null, null, TOKEN, null,
                Duration.ofSeconds(5)));

        assertThatThrownBy(() -> basicAuthClient().openChangeRequest(changeSpec(Severity.HIGH)))
                .isInstanceOf(DriftException.Terminal.class).hasMessageContaining("401")
                .hasMessageNotContaining(PASSWORD).hasMessageNotContaining(BASIC.substring(6));
        assertThatThrownBy(() -> bearer.openIncident(incidentSpec()))
                .isInstanceOf(DriftException.Terminal.class).hasMessageNotContaining(TOKEN);
    }

    @Test
    void severityMapsToImpactAndUrgency() {
        assertThat(ServiceNowClient.Priority.of(Severity.CRITICAL)).isEqualTo(new ServiceNowClient.Priority(1, 1));
        assertThat(ServiceNowClient.Priority.of(Severity.HIGH)).isEqualTo(new ServiceNowClient.Priority(2, 1));
        assertThat(ServiceNowClient.Priority.of(Severity.WARNING)).isEqualTo(new ServiceNowClient.Priority(2, 2));
        assertThat(ServiceNowClient.Priority.of(Severity.INFO)).isEqualTo(new ServiceNowClient.Priority(3, 3));
    }
}
