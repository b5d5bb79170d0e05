package dev.drift.service.actions.slack;

import dev.drift.service.actions.ChannelMessage;
import dev.drift.service.actions.Notice;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups the due notices of a channel into messages, so that a burst never becomes a flood.
 *
 * <p>The rule, applied to the notices offered at once (oldest first), each message taking one permit:
 * <ol>
 *   <li>More than {@code digestThreshold} notices: digests covering all of them, at most
 *       {@value #MAX_DIGEST} notices each (so a burst of 500 is one message).</li>
 *   <li>Otherwise one message per notice while permits last. When only one permit is left and more than
 *       one notice remains, that permit sends one digest of the rest.</li>
 *   <li>No permit left: the remaining notices are left out. They stay due, come back with the next
 *       offer and are digested then if there are many.</li>
 * </ol>
 */
final class Composer {
    /** Most notices one digest covers, so a digest stays a sane request. */
    static final int MAX_DIGEST = 1000;

    private final int digestThreshold;
    private final Permits permits;

    Composer(int digestThreshold, Permits permits) {
        this.digestThreshold = digestThreshold;
        this.permits = permits;
    }

    List<ChannelMessage> compose(List<Notice> notices) {
        return notices.size() > digestThreshold ? digests(notices) : singles(notices);
    }

    private List<ChannelMessage> digests(List<Notice> notices) {
        List<ChannelMessage> messages = new ArrayList<>();
        for (int from = 0; from < notices.size() && permits.tryAcquire(); from += MAX_DIGEST) {
            messages.add(digest(notices.subList(from, Math.min(from + MAX_DIGEST, notices.size()))));
        }
        return messages;
    }

    private List<ChannelMessage> singles(List<Notice> notices) {
        List<ChannelMessage> messages = new ArrayList<>();
        for (int i = 0; i < notices.size(); i++) {
            boolean lastPermitForSeveral = notices.size() - i > 1 && permits.available() == 1;
            if (!permits.tryAcquire()) {
                break;
            }
            if (lastPermitForSeveral) {
                messages.add(digest(notices.subList(i, notices.size())));
                break;
            }
            messages.add(ChannelMessage.single(notices.get(i)));
        }
        return messages;
    }

    private static ChannelMessage digest(List<Notice> notices) {
        return new ChannelMessage(notices, true);
    }
}
