package dev.drift.service.actions.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.actions.RemediationJob;
import dev.drift.service.actions.RunResult;
import dev.drift.service.policy.Remediation;
import dev.drift.service.system.DriftException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AwxExecutorTest {
    private static final String TOKEN = "s3cret-awx-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID DRIFT_ID = UUID.fromString("6f1c2a9e-4b7d-4e0a-9c3b-2d8e5f7a1b04");

    private final FakeAwx awx = new FakeAwx();
    private MockWebServer server;
    private AwxExecutor executor;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(awx);
        server.start();
        executor = new AwxExecutor(new AwxProperties(server.url("/").toString(), TOKEN, Duration.ofMillis(10),
                Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() throws IOException {
        executor.close();
        server.shutdown();
    }

    @Test
    void launchesTheTemplateInCheckModeLimitedToTheHostWithTheDriftVars() throws Exception {
        awx.on("POST /api/v2/job_templates/7/launch/", json(201, "{\"job\": 17, \"ignored_fields\": {}}"));
        awx.on("GET /api/v2/jobs/17/", json(200, "{\"id\": 17, \"status\": \"pending\"}"),
                json(200, "{\"id\": 17, \"status\": \"running\"}"),
                json(200, "{\"id\": 17, \"status\": \"successful\"}"));
        awx.on("GET /api/v2/jobs/17/stdout/?format=txt", new MockResponse().setBody("PLAY RECAP\nweb-01 : ok=1"));

        RunResult result = executor.run(job(true, Duration.ofSeconds(5)));

        RecordedRequest launch = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(launch.getMethod()).isEqualTo("POST");
        assertThat(launch.getPath()).isEqualTo("/api/v2/job_templates/7/launch/");
        assertThat(launch.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(launch.getHeader("Content-Type")).startsWith("application/json");
        assertThat(JSON.readTree(launch.getBody().readUtf8())).isEqualTo(JSON.readTree("""
                {"limit": "web-01",
                 "extra_vars": {"drift_id": "6f1c2a9e-4b7d-4e0a-9c3b-2d8e5f7a1b04", "drift_ci": "ci-web-01",
                                "drift_field": "file[/etc/app.conf].setting[MaxConnections]",
                                "drift_desired": "200", "drift_actual": "100"},
                 "job_type": "check",
                 "diff_mode": true}"""));
        assertThat(result).isEqualTo(new RunResult(true, "successful", "PLAY RECAP\nweb-01 : ok=1", Optional.of("17")));
        assertThat(awx.paths()).containsSubsequence("GET /api/v2/jobs/17/", "GET /api/v2/jobs/17/",
                "GET /api/v2/jobs/17/", "GET /api/v2/jobs/17/stdout/?format=txt");
    }

    @Test
    void aRealRunLeavesTheJobTypeToTheTemplateAndAcceptsAnIdAnswer() throws Exception {
        awx.on("POST /api/v2/job_templates/7/launch/", json(201, "{\"id\": 18}"));
        awx.on("GET /api/v2/jobs/18/", json(200, "{\"status\": \"successful\"}"));
        awx.on("GET /api/v2/jobs/18/stdout/?format=txt", new MockResponse().setBody("ok"));

        RunResult result = executor.run(job(false, Duration.ofSeconds(5)));

        JsonNode body = JSON.readTree(server.takeRequest(1, TimeUnit.SECONDS).getBody().readUtf8());
        assertThat(body.has("job_type")).isFalse();
        assertThat(body.get("diff_mode").asBoolean()).isTrue();
        assertThat(result.externalId()).contains("18");
        assertThat(result.succeeded()).isTrue();
    }

    @Test
    void aFailedJobIsAFailedRunWithItsOutput() {
        awx.on("POST /api/v2/job_templates/7/launch/", json(201, "{\"job\": 19}"));
        awx.on("GET /api/v2/jobs/19/", json(200, "{\"status\": \"failed\"}"));
        awx.on("GET /api/v2/jobs/19/stdout/?format=txt", new MockResponse().setBody("fatal: [web-01]: FAILED!"));

        RunResult result = executor.run(job(false, Duration.ofSeconds(5)));

        assertThat(result).isEqualTo(new RunResult(false, "failed", "fatal: [web-01]: FAILED!", Optional.of("19")));
    }

    @Test
    void keepsPollingThroughATransientErrorOnceTheJobIsLaunched() {
        awx.on("POST /api/v2/job_templates/7/launch/", json(201, "{\"job\": 20}"));
        awx.on("GET /api/v2/jobs/20/", json(502, "bad gateway"), json(200, "{\"status\": \"successful\"}"));
        awx.on("GET /api/v2/jobs/20/stdout/?format=txt", new MockResponse().setBody("ok"));

        assertThat(executor.run(job(false, Duration.ofSeconds(5))).succeeded()).isTrue();
    }

    @Test
    void aServerErrorOnLaunchIsRetryable() {
        awx.on("POST /api/v2/job_templates/7/launch/", json(503, "{\"detail\": \"unavailable\"}"));

        assertThatThrownBy(() -> executor.run(job(false, Duration.ofSeconds(5))))
                .isInstanceOf(DriftException.Retryable.class)
                .hasMessageContaining("503")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void tooManyRequestsOnLaunchIsRetryable() {
        awx.on("POST /api/v2/job_templates/7/launch/", json(429, "{}"));

        assertThatThrownBy(() -> executor.run(job(false, Duration.ofSeconds(5))))
                .isInstanceOf(DriftException.Retryable.class);
    }

    @Test
    void anUnknownTemplateIsTerminal() {
        awx.on("POST /api/v2/job_templates/7/launch/", json(404, "{\"detail\": \"Not found.\"}"));

        assertThatThrownBy(() -> executor.run(job(false, Duration.ofSeconds(5))))
                .isInstanceOf(DriftException.Terminal.class)
                .hasMessageContaining("404")
                .hasMessageContaining("job template 7");
    }

    @Test
    void aRejectedTokenIsTerminalAndNotRevealed() {
        awx.on("POST /api/v2/job_templates/7/launch/", json(401, "{\"detail\": \"Invalid token.\"}"));

        assertThatThrownBy(() -> executor.run(job(false, Duration.ofSeconds(5))))
                .isInstanceOf(DriftException.Terminal.class)
                .hasMessageContaining("rejected the token")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void aBadRequestOnLaunchIsTerminalAndPointsAtPromptOnLaunch() {
        awx.on("POST /api/v2/job_templates/7/launch/",
                json(400, "{\"limit\": [\"Field is not configured to prompt on launch.\"]}"));

        assertThatThrownBy(() -> executor.run(job(false, Duration.ofSeconds(5))))
                .isInstanceOf(DriftException.Terminal.class)
                .hasMessageContaining("Prompt on launch")
                .hasMessageContaining("Field is not configured to prompt on launch.");
    }

    @Test
    void cancelsAJobWhoseLimitWasIgnored() {
        awx.on("POST /api/v2/job_templates/7/launch/",
                json(201, "{\"job\": 21, \"ignored_fields\": {\"limit\": \"web-01\"}}"));
        awx.on("POST /api/v2/jobs/21/cancel/", new MockResponse().setResponseCode(202));

        assertThatThrownBy(() -> executor.run(job(false, Duration.ofSeconds(5))))
                .isInstanceOf(DriftException.Terminal.class)
                .hasMessageContaining("limit");
        assertThat(awx.paths()).contains("POST /api/v2/jobs/21/cancel/");
    }

    @Test
    void cancelsAJobThatOutlastsItsTimeout() {
        awx.on("POST /api/v2/job_templates/7/launch/", json(201, "{\"job\": 22}"));
        awx.on("GET /api/v2/jobs/22/", json(200, "{\"status\": \"running\"}"));
        awx.on("POST /api/v2/jobs/22/cancel/", new MockResponse().setResponseCode(202));
        awx.on("GET /api/v2/jobs/22/stdout/?format=txt", new MockResponse().setBody("TASK [slow]"));

        RunResult result = executor.run(job(false, Duration.ofMillis(200)));

        assertThat(result).isEqualTo(new RunResult(false, "timeout", "TASK [slow]", Optional.of("22")));
        assertThat(awx.paths()).contains("POST /api/v2/jobs/22/cancel/");
    }

    private static RemediationJob job(boolean checkMode, Duration timeout) {
        return new RemediationJob(DRIFT_ID, "drift-1", "ci-web-01", "web-01",
                "file[/etc/app.conf].setting[MaxConnections]", "200", "100",
                new Remediation.AwxJobTemplate(7, false, Optional.empty()), checkMode, timeout);
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    /** Answers each "METHOD path" with its responses in turn, repeating the last; 404 for anything else. */
    private static final class FakeAwx extends Dispatcher {
        private final Map<String, Deque<MockResponse>> responses = new ConcurrentHashMap<>();
        private final List<String> seen = new ArrayList<>();

        void on(String request, MockResponse... answers) {
            responses.put(request, new ConcurrentLinkedDeque<>(List.of(answers)));
        }

        synchronized List<String> paths() {
            return List.copyOf(seen);
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String key = request.getMethod() + " " + request.getPath();
            synchronized (this) {
                seen.add(key);
            }
            Deque<MockResponse> answers = responses.get(key);
            if (answers == null) {
                return new MockResponse().setResponseCode(404);
            }
            return answers.size() > 1 ? answers.poll() : answers.peek();
        }
    }
}
