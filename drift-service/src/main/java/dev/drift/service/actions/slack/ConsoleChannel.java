package dev.drift.service.actions.slack;

import dev.drift.service.actions.ChannelMessage;
import dev.drift.service.actions.Notice;
import dev.drift.service.actions.NotificationChannel;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * Prints one line per message to standard output, for demos and for running without Slack:
 * {@code [drift] Configuration drift detected: web-01 file[/etc/motd] (warning, 1 mismatch) http://...}.
 * It composes like Slack (digests above {@code digest-threshold}) but has no rate limit, and returns no
 * reference, so nothing is threaded.
 */
final class ConsoleChannel implements NotificationChannel {
    private static final String PREFIX = "[drift] ";

    private final ChannelProperties properties;
    private final PrintStream out;
    private final Composer composer;

    ConsoleChannel(ChannelProperties properties, PrintStream out) {
        this.properties = properties;
        this.out = out;
        this.composer = new Composer(properties.digestThreshold(), Permits.unlimited());
    }

    @Override
    public String name() {
        return properties.name();
    }

    /** See {@link Composer}; the console never runs out of permits. */
    @Override
    public List<ChannelMessage> compose(List<Notice> notices) {
        return composer.compose(notices);
    }

    @Override
    public Optional<String> send(ChannelMessage message) {
        out.println(PREFIX + oneLine(message.digest() ? digest(message) : single(message.covers().getFirst())));
        return Optional.empty();
    }

    private static String single(Notice notice) {
        String detail = switch (notice.kind()) {
            case OPENED -> notice.severity().wireName() + ", " + Labels.mismatches(notice);
            case RESOLVED -> notice.resolvedBy().map(by -> "resolved by " + by).orElse("resolved");
            case ESCALATED, REMINDER -> notice.severity().wireName();
        };
        return notice.title() + ": " + Labels.machine(notice) + " " + notice.subject() + " (" + detail + ") "
                + notice.link();
    }

    private String digest(ChannelMessage message) {
        Digest digest = Digest.of(message.covers(), properties.maxDigestLines());
        return digest.headline() + " (" + digest.severitySummary() + ") " + digest.listLink();
    }

    /** A value with a line break must not start a line that looks like another notice. */
    private static String oneLine(String text) {
        return text.replaceAll("\\p{Cntrl}", " ");
    }
}
