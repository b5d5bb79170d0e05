package dev.drift.service.actions.slack;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;

/**
 * One notification channel, {@code drift.notify.channels.<name>}; policies name it in {@code notify}.
 * Created at startup ({@link Context}) so that a channel configured wrongly stops the service with a
 * message naming it, rather than failing on the first notice.
 *
 * @param name            the channel name (the configuration key)
 * @param type            {@code slack} or {@code console}; required
 * @param webhookUrl      a Slack incoming webhook; a secret, never logged
 * @param botToken        a Slack bot token ({@code xoxb-...}); when set, messages go through
 *                        {@code chat.postMessage} to {@code slackChannel} and later messages about a drift
 *                        go to the thread of the one that announced it; a secret, never logged
 * @param slackChannel    the Slack channel id the bot posts to; required with {@code botToken}
 * @param apiUrl          the Slack Web API root; default {@code https://slack.com/api/}
 * @param rateLimit       messages per minute a Slack channel sends at most; default 20 (not applied to the console)
 * @param digestThreshold more notices than this offered at once are sent as one digest; default 5
 * @param maxDigestLines  notices listed one per line in a digest, the rest counted; default 20
 * @param timeout         connect and request timeout of one Slack call; default 10s
 */
@Context
@EachProperty(ChannelProperties.PREFIX)
record ChannelProperties(
        @Parameter String name,
        @NotNull Type type,
        @Nullable URI webhookUrl,
        @Nullable String botToken,
        @Nullable String slackChannel,
        @Bindable(defaultValue = "https://slack.com/api/") URI apiUrl,
        @Bindable(defaultValue = "20") @Min(1) int rateLimit,
        @Bindable(defaultValue = "5") @Min(1) int digestThreshold,
        @Bindable(defaultValue = "20") @Min(1) int maxDigestLines,
        @Bindable(defaultValue = "10s") Duration timeout) {

    static final String PREFIX = "drift.notify.channels";

    /** Where a channel's messages go. */
    enum Type { SLACK, CONSOLE }

    ChannelProperties {
        if (type == null) {
            throw invalid(name, "type is required (slack or console)");
        }
        botToken = blankToNull(botToken);
        slackChannel = blankToNull(slackChannel);
        if (type == Type.SLACK) {
            requireSlackTarget(name, webhookUrl, botToken, slackChannel);
        }
        if (apiUrl == null || !apiUrl.toString().endsWith("/")) {
            throw invalid(name, "api-url must end with /");
        }
        if (rateLimit < 1 || digestThreshold < 1 || maxDigestLines < 1) {
            throw invalid(name, "rate-limit, digest-threshold and max-digest-lines must be at least 1");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw invalid(name, "timeout must be positive");
        }
    }

    /** Settings with every default, for tests and tools. */
    static ChannelProperties of(String name, Type type, URI webhookUrl, String botToken, String slackChannel) {
        return new ChannelProperties(name, type, webhookUrl, botToken, slackChannel, URI.create("https://slack.com/api/"),
                20, 5, 20, Duration.ofSeconds(10));
    }

    ChannelProperties withApiUrl(URI url) {
        return new ChannelProperties(name, type, webhookUrl, botToken, slackChannel, url, rateLimit, digestThreshold,
                maxDigestLines, timeout);
    }

    ChannelProperties withLimits(int rate, int threshold, int lines, Duration wait) {
        return new ChannelProperties(name, type, webhookUrl, botToken, slackChannel, apiUrl, rate, threshold, lines,
                wait);
    }

    /** Whether messages go through the Web API as the bot (and can be threaded) rather than the webhook. */
    boolean botMode() {
        return botToken != null;
    }

    private static void requireSlackTarget(String name, URI webhookUrl, String botToken, String slackChannel) {
        if (botToken != null && slackChannel == null) {
            throw invalid(name, "bot-token needs slack-channel (the channel id to post to)");
        }
        if (botToken == null && webhookUrl == null) {
            throw invalid(name, "a slack channel needs webhook-url, or bot-token and slack-channel");
        }
        if (webhookUrl != null && !"https".equals(webhookUrl.getScheme()) && !"http".equals(webhookUrl.getScheme())) {
            throw invalid(name, "webhook-url must be an http(s) URL");
        }
    }

    private static ConfigurationException invalid(String name, String problem) {
        return new ConfigurationException("notification channel '" + name + "' (" + PREFIX + "." + name + "): "
                + problem);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Never reveals the webhook URL or the bot token. */
    @Override
    public String toString() {
        return "ChannelProperties[name=" + name + ", type=" + type + ", webhookUrl="
                + (webhookUrl == null ? "null" : "****") + ", botToken=" + (botToken == null ? "null" : "****")
                + ", slackChannel=" + slackChannel + ", apiUrl=" + apiUrl + ", rateLimit=" + rateLimit
                + ", digestThreshold=" + digestThreshold + ", maxDigestLines=" + maxDigestLines + ", timeout="
                + timeout + "]";
    }
}
