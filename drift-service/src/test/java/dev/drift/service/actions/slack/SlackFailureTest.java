package dev.drift.service.actions.slack;

import static dev.drift.service.actions.slack.SlackChannelTest.TOKEN;
import static dev.drift.service.actions.slack.SlackChannelTest.WEBHOOK_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drift.service.actions.ChannelMessage;
import dev.drift.service.actions.slack.ChannelProperties.Type;
import dev.drift.service.system.DriftException;
import java.io.IOException;
import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether a failed delivery is worth retrying, said without revealing the webhook URL or the token. */
class SlackFailureTest {
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

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            500 | oops                  | true  | slack channel ops: Slack answered 500 oops
            503 | <html>down</html>     | true  | slack channel ops: Slack answered 503
            404 | no_service            | false | slack channel ops: Slack answered 404 no_service
            410 | channel_is_archived   | false | slack channel ops: Slack answered 410 channel_is_archived
            403 | action_prohibited     | false | slack channel ops: Slack answered 403 action_prohibited
            400 | invalid_payload       | false | slack channel ops: Slack answered 400 invalid_payload
            """)
    void webhookStatusesMapToRetryableOrTerminal(int status, String body, boolean retryable, String message) {
        server.enqueue(new MockResponse().setResponseCode(status).setBody(body));

        DriftException failure = webhookFailure(webhook(Duration.ofSeconds(10)));

        assertThat(failure.retryable()).isEqualTo(retryable);
        assertThat(failure).hasMessage(message).hasNoCause();
    }

    @Test
    void tooManyRequestsIsRetryableAndSaysWhenToRetry() {
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "30").setBody("rate_limited"));

        DriftException failure = webhookFailure(webhook(Duration.ofSeconds(10)));

        assertThat(failure).isInstanceOf(DriftException.Retryable.class)
                .hasMessage("slack channel ops: Slack answered 429 rate_limited, retry after 30s");
    }

    @Test
    void noAnswerWithinTheTimeoutIsRetryable() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

        DriftException failure = webhookFailure(webhook(Duration.ofMillis(200)));

        assertThat(failure).isInstanceOf(DriftException.Retryable.class)
                .hasMessage("slack channel ops: timed out after PT0.2S").hasNoCause();
    }

    @Test
    void aConnectionFailureIsRetryable() throws IOException {
        SlackChannel channel = webhook(Duration.ofSeconds(2));
        server.shutdown();

        DriftException failure = webhookFailure(channel);

        assertThat(failure).isInstanceOf(DriftException.Retryable.class).hasNoCause();
        assertThat(failure.getMessage()).startsWith("slack channel ops: could not connect (");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ratelimited       | true
            internal_error    | true
            channel_not_found | false
            invalid_auth      | false
            not_in_channel    | false
            account_inactive  | false
            """)
    void botModeRefusalsMapByErrorCode(String error, boolean retryable) {
        server.enqueue(new MockResponse().setBody("{\"ok\":false,\"error\":\"" + error + "\"}"));

        DriftException failure = catchThrowableOfType(DriftException.class, () -> bot().send(
                ChannelMessage.single(Notices.opened("web-01"))));

        assertThat(failure.retryable()).isEqualTo(retryable);
        assertThat(failure).hasMessage("slack channel ops-bot: Slack refused the message: " + error).hasNoCause();
    }

    @Test
    void noFailureRevealsTheWebhookUrlOrTheToken() {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("no_service " + WEBHOOK_PATH));
        server.enqueue(new MockResponse().setResponseCode(401).setBody("{\"ok\":false,\"error\":\"" + TOKEN + "\"}"));

        DriftException webhookFailure = webhookFailure(webhook(Duration.ofSeconds(10)));
        DriftException botFailure = catchThrowableOfType(DriftException.class, () -> bot().send(
                ChannelMessage.single(Notices.opened("web-01"))));

        assertThat(webhookFailure).hasMessage("slack channel ops: Slack answered 404");
        assertThat(botFailure).hasMessage("slack channel ops-bot: Slack answered 401");
    }

    private SlackChannel webhook(Duration timeout) {
        return new SlackChannel(ChannelProperties.of("ops", Type.SLACK, server.url(WEBHOOK_PATH).uri(), null, null)
                .withLimits(20, 5, 20, timeout));
    }

    private SlackChannel bot() {
        return new SlackChannel(ChannelProperties.of("ops-bot", Type.SLACK, null, TOKEN, "C0123")
                .withApiUrl(server.url("/api/").uri()));
    }

    private static DriftException webhookFailure(SlackChannel channel) {
        return catchThrowableOfType(DriftException.class, () -> channel.send(
                ChannelMessage.single(Notices.opened("web-01"))));
    }
}
