package dev.drift.service.actions.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drift.service.actions.UnconfirmedMessage;
import dev.drift.service.system.DriftException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds a message the bot posted, by the idempotency key in its metadata: a top-level message in
 * {@code conversations.history}, a reply in the thread's {@code conversations.replies} (which
 * {@code conversations.history} does not return), from {@value #MARGIN_MINUTES} minutes before the
 * first attempt to send it on (the margin covers the clocks of drift and Slack disagreeing), with
 * {@code include_all_metadata}, page by page ({@code cursor}) until the key or the end.
 *
 * <p>Costs: one request per {@value #PAGE_SIZE} messages of the channel since then. Slack rates both
 * methods Tier 3 (50+ a minute) for internal apps, but 1 a minute with at most 15 messages a page for
 * apps distributed outside the Marketplace (since 2025): a lookup there takes a minute per 15 messages,
 * and a 429 makes it retryable. Needs the {@code channels:history} scope ({@code groups:history} for
 * a private channel); without it Slack answers {@code missing_scope}, which is terminal.
 */
final class History {
    static final int MARGIN_MINUTES = 2;
    static final int PAGE_SIZE = 200;
    /** Past this many pages the search gives up (terminal) rather than read a whole busy channel. */
    static final int MAX_PAGES = 100;

    private final SlackChannel slack;
    private final ChannelProperties properties;

    History(SlackChannel slack, ChannelProperties properties) {
        this.slack = slack;
        this.properties = properties;
    }

    /** The {@code ts} of the bot's message with the key, or empty when it is not in the channel (or thread). */
    Optional<String> find(UnconfirmedMessage message) {
        String cursor = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode answer = slack.apiAnswer(slack.exchange(request(message, cursor)), "the history lookup");
            Optional<String> ts = withKey(answer.path("messages"), message.idempotencyKey());
            if (ts.isPresent()) {
                return ts;
            }
            cursor = answer.path("response_metadata").path("next_cursor").asText("");
            if (cursor.isEmpty()) {
                return Optional.empty();
            }
        }
        throw new DriftException.Terminal(slack.describe("more than " + MAX_PAGES * PAGE_SIZE
                + " messages since the first attempt; cannot tell whether " + message.idempotencyKey() + " was sent"));
    }

    private HttpRequest request(UnconfirmedMessage message, String cursor) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("channel", properties.slackChannel());
        message.threadRef().ifPresent(ts -> query.put("ts", ts));
        query.put("oldest", Long.toString(message.since().minus(Duration.ofMinutes(MARGIN_MINUTES)).getEpochSecond()));
        query.put("inclusive", "true");
        query.put("include_all_metadata", "true");
        query.put("limit", Integer.toString(PAGE_SIZE));
        if (!cursor.isEmpty()) {
            query.put("cursor", cursor);
        }
        String method = message.threadRef().isPresent() ? "conversations.replies" : "conversations.history";
        URI uri = properties.apiUrl().resolve(method + "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
        return HttpRequest.newBuilder(uri)
                .timeout(properties.timeout())
                .header("Authorization", "Bearer " + properties.botToken())
                .GET()
                .build();
    }

    private static Optional<String> withKey(JsonNode messages, String key) {
        for (JsonNode m : messages) {
            JsonNode metadata = m.path("metadata");
            if (IdempotencyKey.EVENT_TYPE.equals(metadata.path("event_type").asText())
                    && key.equals(metadata.path("event_payload").path(IdempotencyKey.PAYLOAD_MEMBER).asText())) {
                return Optional.ofNullable(m.path("ts").textValue());
            }
        }
        return Optional.empty();
    }
}
