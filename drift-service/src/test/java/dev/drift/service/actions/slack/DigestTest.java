package dev.drift.service.actions.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.service.actions.Notice;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestTest {

    @Test
    void mixedKindsAreCountedPerKind() {
        List<Notice> notices = List.of(Notices.opened("web-01"), Notices.opened("web-02"),
                Notices.resolved("web-03", "compliant again", null), Notices.escalated("web-01", null));

        Digest digest = Digest.of(notices, 20);

        assertThat(digest.headline()).isEqualTo("4 drift notices on 3 machines: 2 opened, 1 resolved, 1 escalated");
        assertThat(digest.severitySummary()).isEqualTo("1 high, 3 warning");
        assertThat(digest.line(notices.get(2), v -> v))
                .isEqualTo("• web-03 — " + Notices.SSH_ROOT + " (warning, resolved)");
    }

    @Test
    void onlyResolutionsLinkToResolvedDrifts() {
        Digest digest = Digest.of(List.of(Notices.resolved("web-01", "intent changed", null),
                Notices.resolved("web-02", "intent changed", null)), 20);

        assertThat(digest.headline()).isEqualTo("2 drifts resolved on 2 machines");
        assertThat(digest.listLink()).isEqualTo(URI.create("https://drift.example.com:8443/ui/#/events?status=resolved"));
        assertThat(digest.moreLine()).isEmpty();
    }

    @Test
    void theListLinkKeepsAPathPrefixOfThePublicUrl() {
        Notice behindProxy = Notices.withLink(Notices.opened("a"), URI.create("https://ops.example.com/tools/ui/cis/a"));

        assertThat(Digest.of(List.of(behindProxy), 20).listLink())
                .isEqualTo(URI.create("https://ops.example.com/tools/ui/#/events?status=open"));
    }
}
