package dev.drift.service.actions.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.actions.ChannelMessage;
import dev.drift.service.actions.NotSent;
import dev.drift.service.actions.UnconfirmedMessage;
import dev.drift.service.actions.slack.ChannelProperties.Type;
import dev.drift.service.system.DriftException;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Looking up whether a message was sent, by the idempotency key in its metadata, in what a real HTTP
 * server standing in for Slack's Web API answers.
 */
class SlackHistoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant FIRST_ATTEMPT = Instant.parse("2026-12-06T20:00:00Z");
    private static final String KEY = "key-web-01-opened";

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

    @Test
    void findsTheMessageCarryingTheKeyInTheChannelHistoryFromJustBeforeTheFirstAttempt() throws Exception {
        server.enqueue(page(null, message("1765051300.000200", "other-key"), message("1765051250.000100", KEY)));

        Optional<String> ts = bot().findSent(unconfirmed(Optional.empty()));

        assertThat(ts).contains("1765051250.000100");
        RecordedRequest request = server.takeRequest();
        HttpUrl url = request.getRequestUrl();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(url.encodedPath()).isEqualTo("/api/conversations.history");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + SlackChannelTest.TOKEN);
        assertThat(url.queryParameter("channel")).isEqualTo("C0123");
        assertThat(url.queryParameter("oldest")).isEqualTo(Long.toString(FIRST_ATTEMPT.getEpochSecond() - 120));
        assertThat(url.queryParameter("include_all_metadata")).isEqualTo("true");
        assertThat(url.queryParameter("cursor")).isNull();
    }

    @Test
    void followsTheCursorUntilTheKeyIsFound() throws Exception {
        server.enqueue(page("page-2", message("1765051300.000300", "other-key"), message("1765051299.000200", null)));
        server.enqueue(page("page-3", message("1765051250.000100", KEY)));

        Optional<String> ts = bot().findSent(unconfirmed(Optional.empty()));

        assertThat(ts).contains("1765051250.000100");
        assertThat(server.takeRequest().getRequestUrl().queryParameter("cursor")).isNull();
        assertThat(server.takeRequest().getRequestUrl().queryParameter("cursor")).isEqualTo("page-2");
        assertThat(server.getRequestCount()).as("no page read past the one with the key").isEqualTo(2);
    }

    @Test
    void findsNothingWhenNoPageHasTheKey() throws Exception {
        server.enqueue(page("page-2", message("1765051300.000300", "other-key")));
        server.enqueue(page(null, message("1765051200.000100", "digest-abc")));

        Optional<String> ts = bot().findSent(unconfirmed(Optional.empty()));

        assertThat(ts).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aThreadedMessageIsLookedUpAmongTheThreadsReplies() throws Exception {
        server.enqueue(page(null, message("1765051000.000100", "key-web-01-opened-parent"),
                message("1765051250.000100", KEY)));

        Optional<String> ts = bot().findSent(unconfirmed(Optional.of("1765051000.000100")));

        assertThat(ts).contains("1765051250.000100");
        HttpUrl url = server.takeRequest().getRequestUrl();
        assertThat(url.encodedPath()).isEqualTo("/api/conversations.replies");
        assertThat(url.queryParameter("ts")).isEqualTo("1765051000.000100");
        assertThat(url.queryParameter("include_all_metadata")).isEqualTo("true");
    }

    @Test
    void aLookupSlackCouldNotAnswerIsRetryable() {
        server.enqueue(new MockResponse().setResponseCode(503).setBody("down"));

        DriftException failure = catchThrowableOfType(DriftException.class,
                () -> bot().findSent(unconfirmed(Optional.empty())));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessage("slack channel ops-bot: Slack answered 503 down");
    }

    @Test
    void aBotWithoutTheHistoryScopeCannotTellAndThatIsTerminal() {
        server.enqueue(new MockResponse().setBody("{\"ok\":false,\"error\":\"missing_scope\"}"));

        DriftException failure = catchThrowableOfType(DriftException.class,
                () -> bot().findSent(unconfirmed(Optional.empty())));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessage("slack channel ops-bot: Slack refused the history lookup: missing_scope");
    }

    @Test
    void failuresAfterWhichTheMessageIsKnownNotToBeInSlackSaySo() throws IOException {
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "3"));
        server.enqueue(new MockResponse().setBody("{\"ok\":false,\"error\":\"ratelimited\"}"));
        server.enqueue(new MockResponse().setBody("{\"ok\":false,\"error\":\"internal_error\"}"));
        server.enqueue(new MockResponse().setResponseCode(502));
        ChannelMessage message = ChannelMessage.single(Notices.opened("web-01"));

        assertThat(catchThrowableOfType(DriftException.class, () -> bot().send(message))).isInstanceOf(NotSent.class);
        assertThat(catchThrowableOfType(DriftException.class, () -> bot().send(message))).isInstanceOf(NotSent.class);
        assertThat(catchThrowableOfType(DriftException.class, () -> bot().send(message)))
                .as("Slack says part of an operation may have succeeded before an internal_error")
                .isNotInstanceOf(NotSent.class).isInstanceOf(DriftException.Retryable.class);
        assertThat(catchThrowableOfType(DriftException.class, () -> bot().send(message)))
                .as("a 502 may come after Slack took the message").isNotInstanceOf(NotSent.class)
                .isInstanceOf(DriftException.Retryable.class);
        SlackChannel channel = bot();
        server.shutdown();
        assertThat(catchThrowableOfType(DriftException.class, () -> channel.send(message))).isInstanceOf(NotSent.class);
    }

    @Test
    void aWebhookCannotLookAndFindsNothing() {
        SlackChannel webhook = new SlackChannel(ChannelProperties.of("ops", Type.SLACK,
                server.url(SlackChannelTest.WEBHOOK_PATH).uri(), null, null));

        assertThat(webhook.findsSent()).isFalse();
        assertThat(webhook.findSent(unconfirmed(Optional.empty()))).isEmpty();
        assertThat(server.getRequestCount()).isZero();
        assertThat(bot().findsSent()).isTrue();
    }

    private SlackChannel bot() {
        return new SlackChannel(ChannelProperties.of("ops-bot", Type.SLACK, null, SlackChannelTest.TOKEN, "C0123")
                .withApiUrl(server.url("/api/").uri()));
    }

    private static UnconfirmedMessage unconfirmed(Optional<String> thread) {
        return new UnconfirmedMessage(KEY, thread, false, FIRST_ATTEMPT);
    }

    /** A message as conversations.history returns it with include_all_metadata; no metadata when key is null. */
    private static ObjectNode message(String ts, String key) {
        ObjectNode m = JSON.createObjectNode().put("type", "message").put("ts", ts).put("text", "drift");
        if (key != null) {
            ObjectNode metadata = m.putObject("metadata").put("event_type", "drift_notification");
            metadata.putObject("event_payload").put("idempotency_key", key);
        }
        return m;
    }

    private static MockResponse page(String nextCursor, ObjectNode... messages) {
        ObjectNode body = JSON.createObjectNode().put("ok", true).put("has_more", nextCursor != null);
        ArrayNode list = body.putArray("messages");
        for (ObjectNode m : messages) {
            list.add(m);
        }
        body.putObject("response_metadata").put("next_cursor", nextCursor == null ? "" : nextCursor);
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body.toString());
    }
}
