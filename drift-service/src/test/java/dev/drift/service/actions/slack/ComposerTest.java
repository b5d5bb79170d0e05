package dev.drift.service.actions.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.service.actions.ChannelMessage;
import dev.drift.service.actions.Notice;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComposerTest {

    @Test
    void fewNoticesAreSentOneByOne() {
        List<Notice> notices = Notices.burst(3);

        List<ChannelMessage> messages = new Composer(5, Permits.perMinute("few", 20)).compose(notices);

        assertThat(messages).containsExactly(ChannelMessage.single(notices.get(0)),
                ChannelMessage.single(notices.get(1)), ChannelMessage.single(notices.get(2)));
    }

    @Test
    void aBurstOf500IsOneDigest() {
        List<Notice> notices = Notices.burst(500);

        List<ChannelMessage> messages = new Composer(5, Permits.perMinute("burst", 20)).compose(notices);

        assertThat(messages).containsExactly(new ChannelMessage(notices, true));
    }

    @Test
    void digestsCoverAtMostAThousandNoticesEach() {
        List<Notice> notices = Notices.burst(2500);

        List<ChannelMessage> messages = new Composer(5, Permits.perMinute("huge", 20)).compose(notices);

        assertThat(messages).extracting(m -> m.covers().size()).containsExactly(1000, 1000, 500);
        assertThat(messages).allMatch(ChannelMessage::digest);
    }

    @Test
    void theLastPermitDigestsWhatIsLeft() {
        List<Notice> notices = Notices.burst(3);

        List<ChannelMessage> messages = new Composer(5, Permits.perMinute("tight", 2)).compose(notices);

        assertThat(messages).containsExactly(ChannelMessage.single(notices.get(0)),
                new ChannelMessage(notices.subList(1, 3), true));
    }

    @Test
    void withoutPermitsNoticesAreLeftOutToComeBackLater() {
        Composer composer = new Composer(5, Permits.perMinute("spent", 2));
        composer.compose(Notices.burst(2));

        assertThat(composer.compose(Notices.burst(4))).isEmpty();
    }

    @Test
    void digestsStopWhenPermitsRunOut() {
        List<Notice> notices = Notices.burst(2500);

        List<ChannelMessage> messages = new Composer(5, Permits.perMinute("short", 2)).compose(notices);

        assertThat(messages).extracting(m -> m.covers().size()).containsExactly(1000, 1000);
    }

    @Test
    void theConsoleNeverRunsOutOfPermits() {
        List<Notice> notices = Notices.burst(50);

        assertThat(new Composer(100, Permits.unlimited()).compose(notices)).hasSize(50);
    }
}
