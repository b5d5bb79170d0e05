package dev.drift.service.actions.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.actions.ChannelMessage;
import dev.drift.service.actions.Notice;
import dev.drift.service.actions.NoticeKind;
import dev.drift.service.actions.NotSent;
import dev.drift.service.actions.NotificationChannel;
import dev.drift.service.actions.UnconfirmedMessage;
import dev.drift.service.system.DriftException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Slack channel, reached through an incoming webhook or, with a bot token, through the Web API's
 * {@code chat.postMessage}. Only bot mode can thread: a notice with a {@link Notice#threadRef()} (the
 * {@code ts} that {@link #send} returned for the opening message) is posted as a reply in that thread,
 * and an escalation is also broadcast to the channel. Webhook mode returns no reference.
 *
 * <p>Messages are composed by {@link Composer} with a rate limit of {@code rate-limit} messages a minute.
 * Failures are {@link DriftException.Retryable} for 429 (with Slack's {@code Retry-After}), 5xx,
 * timeouts, I/O errors and the Web API's transient errors ({@code ratelimited}, {@code internal_error},
 * ...); anything else Slack refuses ({@code no_service}, {@code channel_not_found}, {@code invalid_auth},
 * ...) is {@link DriftException.Terminal}. Those after which the message is known not to be in Slack
 * (429, {@code ratelimited}, no connection) are {@link NotSent}. Messages name the channel, never its webhook URL
 * or token.
 *
 * <p>Exactly once in bot mode: every message carries its idempotency key in its metadata, and
 * {@link #findSent} looks for it in the channel's history (see {@link History}), so the dispatcher can
 * tell whether a message whose send was cut short is there. Webhook mode is at least once: a webhook
 * cannot read the channel.
 */
final class SlackChannel implements NotificationChannel {
    /**
     * The one refusal that says the message was not posted; after the transient others it may have been
     * (Slack: some aspect of the operation may have succeeded before the error).
     */
    private static final String RATE_LIMITED = "ratelimited";
    private static final Set<String> TRANSIENT_API_ERRORS = Set.of("internal_error", "fatal_error",
            "service_unavailable", "request_timeout");
    /** What Slack's error codes look like; anything else in a body is not repeated. */
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,64}");

    private final ChannelProperties properties;
    private final HttpClient http;
    private final Composer composer;
    private final History history;

    SlackChannel(ChannelProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
        this.composer = new Composer(properties.digestThreshold(),
                Permits.perMinute(properties.name(), properties.rateLimit()));
        this.history = new History(this, properties);
    }

    @Override
    public String name() {
        return properties.name();
    }

    /** See {@link Composer} for how notices become messages. */
    @Override
    public List<ChannelMessage> compose(List<Notice> notices) {
        return composer.compose(notices);
    }

    @Override
    public Optional<String> send(ChannelMessage message) {
        SlackMessage rendered = SlackMessage.of(message, properties.maxDigestLines());
        String key = message.idempotencyKey();
        return properties.botMode() ? postAsBot(message, rendered, key) : postToWebhook(rendered, key);
    }

    /** Only the bot can read the channel; a webhook can only post. */
    @Override
    public boolean findsSent() {
        return properties.botMode();
    }

    /** See {@link History}. Webhook mode cannot look and finds nothing. */
    @Override
    public Optional<String> findSent(UnconfirmedMessage message) {
        return properties.botMode() ? history.find(message) : Optional.empty();
    }

    private Optional<String> postToWebhook(SlackMessage rendered, String key) {
        ObjectNode body = SlackMessage.JSON.createObjectNode().put("text", rendered.text());
        body.set("blocks", rendered.blocks());
        exchange(request(properties.webhookUrl(), body, key).build());
        return Optional.empty();
    }

    private Optional<String> postAsBot(ChannelMessage message, SlackMessage rendered, String key) {
        ObjectNode body = SlackMessage.JSON.createObjectNode()
                .put("channel", properties.slackChannel())
                .put("text", rendered.text());
        body.set("blocks", rendered.blocks());
        ObjectNode metadata = body.putObject("metadata").put("event_type", IdempotencyKey.EVENT_TYPE);
        metadata.putObject("event_payload").put(IdempotencyKey.PAYLOAD_MEMBER, key);
        message.threadRef().ifPresent(ts -> {
            body.put("thread_ts", ts);
            if (message.covers().getFirst().kind() == NoticeKind.ESCALATED) {
                body.put("reply_broadcast", true);
            }
        });
        HttpRequest request = request(properties.apiUrl().resolve("chat.postMessage"), body, key)
                .header("Authorization", "Bearer " + properties.botToken())
                .build();
        return Optional.ofNullable(apiAnswer(exchange(request), "the message").path("ts").textValue());
    }

    private HttpRequest.Builder request(URI uri, ObjectNode body, String key) {
        return HttpRequest.newBuilder(uri)
                .timeout(properties.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header(IdempotencyKey.HEADER, key)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    HttpResponse<String> exchange(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new NotSent(describe("could not connect within " + properties.timeout()));
        } catch (ConnectException e) {
            throw new NotSent(describe("could not connect (" + e.getClass().getSimpleName() + ")"));
        } catch (HttpTimeoutException e) {
            throw new DriftException.Retryable(describe("timed out after " + properties.timeout()));
        } catch (IOException e) {
            throw new DriftException.Retryable(describe("request failed (" + e.getClass().getSimpleName() + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriftException.Retryable(describe("interrupted while sending"));
        }
        checkStatus(response);
        return response;
    }

    private void checkStatus(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        String problem = "Slack answered " + status + errorCode(response.body()).map(c -> " " + c).orElse("");
        if (status == 429) {
            throw new NotSent(describe(problem + ", retry after "
                    + response.headers().firstValue("Retry-After").map(s -> s + "s").orElse("a while")));
        }
        if (status >= 500) {
            throw new DriftException.Retryable(describe(problem));
        }
        throw new DriftException.Terminal(describe(problem));
    }

    /**
     * The Web API's answer; it answers 200 with {@code ok: false} and an error code when it refuses a
     * request ({@code what}: the message, the history lookup), which is then not carried out.
     */
    JsonNode apiAnswer(HttpResponse<String> response, String what) {
        JsonNode answer;
        try {
            answer = SlackMessage.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new DriftException.Retryable(describe("Slack answered with something other than JSON"));
        }
        if (answer.path("ok").asBoolean(false)) {
            return answer;
        }
        String error = errorCode(answer.path("error").asText("")).orElse("unknown_error");
        if (error.equals(RATE_LIMITED)) {
            throw new NotSent(describe("Slack refused " + what + ": " + error));
        }
        if (TRANSIENT_API_ERRORS.contains(error)) {
            throw new DriftException.Retryable(describe("Slack refused " + what + ": " + error));
        }
        throw new DriftException.Terminal(describe("Slack refused " + what + ": " + error));
    }

    String describe(String problem) {
        return "slack channel " + properties.name() + ": " + problem;
    }

    private static Optional<String> errorCode(String body) {
        String code = body == null ? "" : body.strip();
        return ERROR_CODE.matcher(code).matches() ? Optional.of(code) : Optional.empty();
    }
}
