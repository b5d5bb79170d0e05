package dev.drift.service.actions.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.actions.ChannelMessage;
import dev.drift.service.actions.Notice;
import dev.drift.service.actions.NoticeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The Slack rendering of a message: the {@code text} Slack shows in notifications and the
 * {@code blocks} it shows in the channel. Values come from the notices only, escaped for mrkdwn.
 *
 * @param text   the notification fallback, mrkdwn-escaped
 * @param blocks Block Kit blocks
 */
record SlackMessage(String text, ArrayNode blocks) {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Slack's limit is 3000 characters per text object; long values are cut well before that. */
    private static final int MAX_VALUE = 300;
    private static final int LINES_PER_SECTION = 10;

    static SlackMessage of(ChannelMessage message, int maxDigestLines) {
        return message.digest() ? digest(Digest.of(message.covers(), maxDigestLines))
                : single(message.covers().getFirst());
    }

    /** Escapes the three characters mrkdwn treats as control characters. */
    static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static SlackMessage single(Notice notice) {
        ArrayNode blocks = JSON.createArrayNode();
        blocks.add(section("*" + escape(notice.title()) + "*"));
        blocks.add(fields(fieldsOf(notice)));
        blocks.add(section(link(notice.link().toString(), "View diff")));
        return new SlackMessage(escape(fallback(notice)), blocks);
    }

    private static SlackMessage digest(Digest digest) {
        ArrayNode blocks = JSON.createArrayNode();
        blocks.add(section("*" + digest.headline() + "*\nBy severity: " + digest.severitySummary()));
        List<String> lines = new ArrayList<>(digest.listed().stream()
                .map(n -> digest.line(n, v -> escape(cut(v)))).toList());
        if (digest.more() > 0) {
            lines.add(digest.moreLine());
        }
        for (int from = 0; from < lines.size(); from += LINES_PER_SECTION) {
            blocks.add(section(String.join("\n", lines.subList(from, Math.min(from + LINES_PER_SECTION,
                    lines.size())))));
        }
        blocks.add(section(link(digest.listLink().toString(), "Open drift list")));
        return new SlackMessage(digest.headline() + " (" + digest.severitySummary() + ")", blocks);
    }

    /** "Configuration drift detected: web-01 — file[/etc/motd] (warning, 1 mismatch)". */
    private static String fallback(Notice notice) {
        String detail = switch (notice.kind()) {
            case OPENED -> notice.severity().wireName() + ", " + Labels.mismatches(notice);
            case RESOLVED -> notice.resolvedBy().map(by -> "resolved by " + by).orElse("resolved");
            case ESCALATED, REMINDER -> notice.severity().wireName();
        };
        return notice.title() + ": " + Labels.machine(notice) + " — " + notice.subject() + " (" + detail + ")";
    }

    private static List<Field> fieldsOf(Notice notice) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("Machine", Labels.machine(notice)));
        fields.add(new Field("Subject", notice.subject()));
        if (notice.kind() == NoticeKind.RESOLVED) {
            notice.resolvedBy().ifPresent(by -> fields.add(new Field("Resolved by", by)));
            return fields;
        }
        fields.add(new Field("Severity", notice.severity().wireName()));
        if (notice.kind() != NoticeKind.ESCALATED) {
            fields.add(new Field("Mismatches", Integer.toString(notice.mismatches())));
        }
        if (notice.kind() == NoticeKind.OPENED && notice.desired() != null) {
            fields.add(new Field("Desired", notice.desired()));
        }
        if (notice.kind() == NoticeKind.OPENED && notice.actual() != null) {
            fields.add(new Field("Actual", notice.actual()));
        }
        return fields;
    }

    private static ObjectNode section(String mrkdwn) {
        ObjectNode section = JSON.createObjectNode().put("type", "section");
        section.set("text", mrkdwn(mrkdwn));
        return section;
    }

    private static ObjectNode fields(List<Field> labelled) {
        ObjectNode section = JSON.createObjectNode().put("type", "section");
        ArrayNode fields = section.putArray("fields");
        labelled.forEach(f -> fields.add(mrkdwn("*" + f.label() + "*\n" + escape(cut(f.value())))));
        return section;
    }

    private static ObjectNode mrkdwn(String text) {
        return JSON.createObjectNode().put("type", "mrkdwn").put("text", text);
    }

    private static String link(String url, String label) {
        return "<" + escape(url) + "|" + label + ">";
    }

    private static String cut(String value) {
        return value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE - 1) + "…";
    }

    /** One labelled value of a single-notice message. */
    private record Field(String label, String value) {
    }
}
