package dev.drift.service.actions.slack;

import static dev.drift.service.actions.slack.Notices.SSH_ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.actions.ChannelMessage;
import dev.drift.service.actions.Notice;
import dev.drift.service.actions.slack.ChannelProperties.Type;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Messages and requests as Slack receives them, from a real HTTP server standing in for it. */
class SlackChannelTest {
    static final String WEBHOOK_PATH = "/services/T000/B000/XXXXwebhooksecret";
    static final String TOKEN = "xoxb-0000-secret-token";
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

    SlackChannel webhookChannel() {
        return new SlackChannel(ChannelProperties.of("ops", Type.SLACK, server.url(WEBHOOK_PATH).uri(), null, null));
    }

    SlackChannel botChannel() {
        return new SlackChannel(ChannelProperties.of("ops-bot", Type.SLACK, null, TOKEN, "C0123")
                .withApiUrl(server.url("/api/").uri()));
    }

    @Test
    void webhookPostsTextAndBlocksWithTheNoticesIdempotencyKey() throws Exception {
        server.enqueue(new MockResponse().setBody("ok"));

        Optional<String> ref = webhookChannel().send(ChannelMessage.single(Notices.opened("web-01")));

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo(WEBHOOK_PATH);
        assertThat(request.getHeader("X-Drift-Idempotency-Key")).isEqualTo("key-web-01-opened");
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        assertThat(request.getHeader("Authorization")).isNull();
        JsonNode body = JSON.readTree(request.getBody().readUtf8());
        assertThat(fieldNames(body)).containsExactly("text", "blocks");
        assertThat(body.get("text").asText())
                .isEqualTo("Configuration drift detected: web-01 — " + SSH_ROOT + " (warning, 1 mismatch)");
        assertThat(texts(body)).containsExactly(
                "*Configuration drift detected*",
                "*Machine*\nweb-01", "*Subject*\n" + SSH_ROOT, "*Severity*\nwarning", "*Mismatches*\n1",
                "*Desired*\nno", "*Actual*\nyes",
                "<https://drift.example.com:8443/ui/cis/web-01|View diff>");
        assertThat(ref).isEmpty();
    }

    @Test
    void machineShowsItsCiIdWhenTheNameDiffers() throws Exception {
        server.enqueue(new MockResponse().setBody("ok"));

        webhookChannel().send(ChannelMessage.single(Notices.named(Notices.opened("web-01"), "ci-4711", "web-01",
                SSH_ROOT)));

        assertThat(texts(JSON.readTree(server.takeRequest().getBody().readUtf8()))).contains("*Machine*\nweb-01 (ci-4711)");
    }

    @Test
    void valuesAreEscapedForMrkdwn() throws Exception {
        server.enqueue(new MockResponse().setBody("ok"));
        Notice notice = Notices.named(Notices.opened("web-01"), "web<01>", "web<01>", "file[/etc/a&b>c]");

        webhookChannel().send(ChannelMessage.single(notice));

        String raw = server.takeRequest().getBody().readUtf8();
        JsonNode body = JSON.readTree(raw);
        assertThat(body.get("text").asText())
                .isEqualTo("Configuration drift detected: web&lt;01&gt; — file[/etc/a&amp;b&gt;c] (warning, 1 mismatch)");
        assertThat(texts(body)).contains("*Machine*\nweb&lt;01&gt;", "*Subject*\nfile[/etc/a&amp;b&gt;c]");
        assertThat(texts(body)).noneMatch(t -> t.contains("web<01>") || t.contains("a&b"));
    }

    @Test
    void botPostsToChatPostMessageAndReturnsTheMessageTs() throws Exception {
        server.enqueue(new MockResponse().setBody("{\"ok\":true,\"channel\":\"C0123\",\"ts\":\"1700000000.000100\"}"));

        Optional<String> ref = botChannel().send(ChannelMessage.single(Notices.opened("web-01")));

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo("/api/chat.postMessage");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeader("X-Drift-Idempotency-Key")).isEqualTo("key-web-01-opened");
        JsonNode body = JSON.readTree(request.getBody().readUtf8());
        assertThat(fieldNames(body)).containsExactly("channel", "text", "blocks", "metadata");
        assertThat(body.get("channel").asText()).isEqualTo("C0123");
        assertThat(body.get("metadata").toString())
                .isEqualTo("{\"event_type\":\"drift_notification\",\"event_payload\":{\"idempotency_key\":\"key-web-01-opened\"}}");
        assertThat(ref).contains("1700000000.000100");
    }

    @Test
    void resolutionGoesToTheThreadOfTheOpeningMessage() throws Exception {
        server.enqueue(new MockResponse().setBody("{\"ok\":true,\"ts\":\"1700000100.000200\"}"));

        botChannel().send(ChannelMessage.single(Notices.resolved("web-01", "compliant again", "1700000000.000100")));

        JsonNode body = JSON.readTree(server.takeRequest().getBody().readUtf8());
        assertThat(body.get("thread_ts").asText()).isEqualTo("1700000000.000100");
        assertThat(body.has("reply_broadcast")).isFalse();
        assertThat(body.get("text").asText())
                .isEqualTo("Drift resolved: web-01 — " + SSH_ROOT + " (resolved by compliant again)");
        assertThat(texts(body)).containsExactly("*Drift resolved*", "*Machine*\nweb-01", "*Subject*\n" + SSH_ROOT,
                "*Resolved by*\ncompliant again", "<https://drift.example.com:8443/ui/cis/web-01|View diff>");
    }

    @Test
    void escalationGoesToTheThreadAndIsBroadcastToTheChannel() throws Exception {
        server.enqueue(new MockResponse().setBody("{\"ok\":true,\"ts\":\"1700000200.000300\"}"));

        botChannel().send(ChannelMessage.single(Notices.escalated("web-01", "1700000000.000100")));

        JsonNode body = JSON.readTree(server.takeRequest().getBody().readUtf8());
        assertThat(body.get("thread_ts").asText()).isEqualTo("1700000000.000100");
        assertThat(body.get("reply_broadcast").asBoolean()).isTrue();
        assertThat(body.get("text").asText())
                .isEqualTo("Drift escalated: remediation did not fix it: web-01 — " + SSH_ROOT + " (high)");
        assertThat(texts(body)).containsExactly("*Drift escalated: remediation did not fix it*", "*Machine*\nweb-01",
                "*Subject*\n" + SSH_ROOT, "*Severity*\nhigh",
                "<https://drift.example.com:8443/ui/cis/web-01|View diff>");
    }

    @Test
    void reminderSaysTheDriftIsStillOpen() throws Exception {
        server.enqueue(new MockResponse().setBody("ok"));

        webhookChannel().send(ChannelMessage.single(Notices.reminder("web-01")));

        JsonNode body = JSON.readTree(server.takeRequest().getBody().readUtf8());
        assertThat(body.get("text").asText()).isEqualTo("Drift still open: web-01 — " + SSH_ROOT + " (warning)");
        assertThat(texts(body)).containsExactly("*Drift still open*", "*Machine*\nweb-01", "*Subject*\n" + SSH_ROOT,
                "*Severity*\nwarning", "*Mismatches*\n2", "<https://drift.example.com:8443/ui/cis/web-01|View diff>");
    }

    @Test
    void aBurstOf500OpeningsIsOneDigestRequest() throws Exception {
        server.enqueue(new MockResponse().setBody("ok"));
        SlackChannel channel = webhookChannel();
        List<Notice> burst = Notices.burst(500);

        List<ChannelMessage> messages = channel.compose(burst);
        messages.forEach(channel::send);

        assertThat(messages).hasSize(1);
        assertThat(server.getRequestCount()).isEqualTo(1);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getHeader("X-Drift-Idempotency-Key")).matches("digest-[0-9a-f]{64}")
                .isEqualTo(new ChannelMessage(burst, true).idempotencyKey());
        JsonNode body = JSON.readTree(request.getBody().readUtf8());
        assertThat(body.get("text").asText())
                .isEqualTo("500 drifts detected on 500 machines (50 critical, 450 warning)");
        String blocks = String.join("\n", texts(body));
        assertThat(blocks).startsWith("*500 drifts detected on 500 machines*\nBy severity: 50 critical, 450 warning\n"
                + "• web-000 — " + SSH_ROOT + " (critical)\n• web-001 — " + SSH_ROOT + " (warning)\n");
        assertThat(blocks).contains("• web-019 — ").doesNotContain("web-020").contains("…and 480 more")
                .endsWith("<https://drift.example.com:8443/ui/#/events?status=open|Open drift list>");
    }

    @Test
    void digestKeyDependsOnTheCoveredKeysOnly() {
        List<Notice> burst = Notices.burst(10);

        assertThat(new ChannelMessage(burst, true).idempotencyKey())
                .isEqualTo(new ChannelMessage(List.copyOf(burst), true).idempotencyKey())
                .isNotEqualTo(new ChannelMessage(burst.subList(0, 9), true).idempotencyKey());
    }

    @Test
    void aRateLimitOfTwoDigestsTheThirdNotice() throws Exception {
        SlackChannel channel = new SlackChannel(ChannelProperties.of("ops", Type.SLACK, server.url(WEBHOOK_PATH).uri(),
                null, null).withLimits(2, 5, 20, Duration.ofSeconds(10)));
        server.enqueue(new MockResponse().setBody("ok"));
        server.enqueue(new MockResponse().setBody("ok"));
        List<Notice> notices = List.of(Notices.opened("web-01"), Notices.opened("web-02"), Notices.opened("web-03"));

        List<ChannelMessage> messages = channel.compose(notices);
        messages.forEach(channel::send);

        assertThat(messages).containsExactly(ChannelMessage.single(notices.get(0)),
                new ChannelMessage(notices.subList(1, 3), true));
        assertThat(server.takeRequest().getHeader("X-Drift-Idempotency-Key")).isEqualTo("key-web-01-opened");
        assertThat(JSON.readTree(server.takeRequest().getBody().readUtf8()).get("text").asText())
                .isEqualTo("2 drifts detected on 2 machines (2 warning)");
        assertThat(channel.compose(List.of(Notices.opened("web-04")))).isEmpty();
    }

    /** The mrkdwn texts of the blocks, section fields one by one, in order. */
    static List<String> texts(JsonNode body) {
        List<String> texts = new ArrayList<>();
        for (JsonNode block : body.get("blocks")) {
            if (block.has("fields")) {
                block.get("fields").forEach(field -> texts.add(field.get("text").asText()));
            } else {
                texts.add(block.get("text").get("text").asText());
            }
        }
        return texts;
    }

    private static List<String> fieldNames(JsonNode body) {
        return body.properties().stream().map(Map.Entry::getKey).toList();
    }
}
