package dev.drift.service.actions.slack;

import static dev.drift.service.actions.slack.Notices.SSH_ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.service.actions.ChannelMessage;
import dev.drift.service.actions.slack.ChannelProperties.Type;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleChannelTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final ConsoleChannel console = new ConsoleChannel(ChannelProperties.of("default", Type.CONSOLE, null,
            null, null), new PrintStream(printed, true, StandardCharsets.UTF_8));

    @Test
    void printsOneReadableLinePerNotice() {
        console.send(ChannelMessage.single(Notices.opened("web-01")));
        console.send(ChannelMessage.single(Notices.resolved("web-01", "compliant again", null)));

        assertThat(lines()).containsExactly(
                "[drift] Configuration drift detected: web-01 " + SSH_ROOT
                        + " (warning, 1 mismatch) https://drift.example.com:8443/ui/cis/web-01",
                "[drift] Drift resolved: web-01 " + SSH_ROOT
                        + " (resolved by compliant again) https://drift.example.com:8443/ui/cis/web-01");
    }

    @Test
    void printsADigestAsOneSummaryLine() {
        console.compose(Notices.burst(30)).forEach(console::send);

        assertThat(lines()).containsExactly("[drift] 30 drifts detected on 30 machines (3 critical, 27 warning) "
                + "https://drift.example.com:8443/ui/#/events?status=open");
    }

    @Test
    void aLineBreakInAValueStaysOnOneLine() {
        console.send(ChannelMessage.single(Notices.named(Notices.opened("web-01"), "web-01", "web-01",
                "file[/etc/x]\n[drift] fake")));

        assertThat(lines()).hasSize(1);
    }

    private String[] lines() {
        return printed.toString(StandardCharsets.UTF_8).split("\\R");
    }
}
