package dev.drift.service.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;

/**
 * Slack's Web API as far as a bot token is used, on a real HTTP server, answering from what it was
 * sent: {@code chat.postMessage} posts a message every time (Slack does not de-duplicate) and answers
 * its {@code ts}; {@code conversations.history} returns the channel's top-level messages and
 * {@code conversations.replies} a thread, newest and oldest first respectively, from {@code oldest} on,
 * with their metadata only when {@code include_all_metadata} is asked for, {@code pageSize} at most per
 * page with a {@code next_cursor}. So a message posted twice here is posted twice there. A request cut
 * off by the death of its sender (a truncated body) is not posted; nor is one without drift's metadata.
 */
public final class SlackApiStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal MICROS = BigDecimal.valueOf(1_000_000);

    /** A message as posted: its {@code ts}, the idempotency key in its metadata, the thread it replies to. */
    public record Posted(String ts, String key, Optional<String> threadTs, String text) {
        long micros() {
            return new BigDecimal(ts).multiply(MICROS).longValueExact();
        }
    }

    private final List<Posted> posted = new ArrayList<>();
    private final FakeTarget server = new FakeTarget(this::answer);
    private final int pageSize;
    private final AtomicInteger unanswered = new AtomicInteger();
    private long lastMicros;

    /** {@code pageSize}: the most messages a history page holds (Slack: up to 999; 15 for non-Marketplace apps). */
    public SlackApiStandIn(int pageSize) {
        this.pageSize = pageSize;
    }

    /** The Web API root, ending in {@code /}, for {@code api-url}. */
    public String apiUrl() {
        return server.url("/api/");
    }

    /** Every message posted, in order; the same key twice is a message posted twice. */
    public synchronized List<Posted> posted() {
        return List.copyOf(posted);
    }

    public List<RecordedRequest> requests() {
        return server.requests();
    }

    /** The history and replies requests. */
    public List<RecordedRequest> lookups() {
        return requests().stream().filter(r -> r.getPath() != null && r.getPath().startsWith("/api/conversations."))
                .toList();
    }

    /** The next requests get these answers, whatever they are, before the API answers again. */
    public void script(MockResponse... responses) {
        server.script(responses);
    }

    /** The next {@code count} messages are posted, but no answer comes back (the client times out). */
    public void postWithoutAnswering(int count) {
        unanswered.set(count);
    }

    /** Posts a message as an earlier process would have; returns its {@code ts}. */
    public synchronized String postedBefore(String key, Optional<String> threadTs) {
        return add(key, threadTs, "posted before").ts();
    }

    private MockResponse answer(RecordedRequest request) {
        if (request.getFailure() != null) {
            return new MockResponse().setResponseCode(400).setBody("invalid_payload");
        }
        HttpUrl url = request.getRequestUrl();
        String method = url == null ? "" : url.encodedPath().replaceFirst("^/api/", "");
        return switch (method) {
            case "chat.postMessage" -> post(FakeTarget.body(request));
            case "conversations.history" -> page(url, p -> p.threadTs().isEmpty(), Comparator.comparingLong(Posted::micros).reversed());
            case "conversations.replies" -> page(url, p -> p.ts().equals(url.queryParameter("ts"))
                    || p.threadTs().equals(Optional.ofNullable(url.queryParameter("ts"))), Comparator.comparingLong(Posted::micros));
            default -> new MockResponse().setResponseCode(404).setBody("unknown_method");
        };
    }

    private synchronized MockResponse post(String body) {
        JsonNode message;
        try {
            message = JSON.readTree(body);
        } catch (IOException e) {
            return json(JSON.createObjectNode().put("ok", false).put("error", "invalid_json"));
        }
        if (message == null || !message.path("metadata").path("event_payload").has("idempotency_key")) {
            return json(JSON.createObjectNode().put("ok", false).put("error", "invalid_arguments"));
        }
        Posted p = add(message.path("metadata").path("event_payload").path("idempotency_key").asText(null),
                Optional.ofNullable(message.path("thread_ts").textValue()), message.path("text").asText());
        if (unanswered.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
        }
        return json(JSON.createObjectNode().put("ok", true).put("channel", "C0CRASH").put("ts", p.ts()));
    }

    private synchronized MockResponse page(HttpUrl url, Predicate<Posted> in, Comparator<Posted> order) {
        long oldest = new BigDecimal(Optional.ofNullable(url.queryParameter("oldest")).orElse("0"))
                .multiply(MICROS).longValue();
        boolean metadata = "true".equals(url.queryParameter("include_all_metadata"));
        int limit = Math.min(pageSize, Integer.parseInt(Optional.ofNullable(url.queryParameter("limit")).orElse("100")));
        int from = Integer.parseInt(Optional.ofNullable(url.queryParameter("cursor")).orElse("0"));
        List<Posted> all = posted.stream().filter(in).filter(p -> p.micros() >= oldest).sorted(order).toList();
        List<Posted> page = all.subList(Math.min(from, all.size()), Math.min(from + limit, all.size()));
        ObjectNode answer = JSON.createObjectNode().put("ok", true).put("has_more", from + limit < all.size());
        ArrayNode messages = answer.putArray("messages");
        page.forEach(p -> messages.add(messageJson(p, metadata)));
        answer.putObject("response_metadata").put("next_cursor", from + limit < all.size() ? Integer.toString(from + limit) : "");
        return json(answer);
    }

    private static ObjectNode messageJson(Posted p, boolean withMetadata) {
        ObjectNode m = JSON.createObjectNode().put("type", "message").put("ts", p.ts()).put("text", p.text());
        p.threadTs().ifPresent(t -> m.put("thread_ts", t));
        if (withMetadata && p.key() != null) {
            ObjectNode metadata = m.putObject("metadata").put("event_type", "drift_notification");
            metadata.putObject("event_payload").put("idempotency_key", p.key());
        }
        return m;
    }

    private Posted add(String key, Optional<String> threadTs, String text) {
        lastMicros = Math.max(lastMicros + 1, System.currentTimeMillis() * 1000);
        Posted p = new Posted("%d.%06d".formatted(lastMicros / 1_000_000, lastMicros % 1_000_000), key, threadTs, text);
        posted.add(p);
        return p;
    }

    private static MockResponse json(ObjectNode body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body.toString());
    }

    @Override
    public void close() {
        server.close();
    }
}
