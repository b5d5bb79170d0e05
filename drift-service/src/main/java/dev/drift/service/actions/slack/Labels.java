package dev.drift.service.actions.slack;

import dev.drift.service.actions.Notice;

/** How notices name things, the same in every channel. */
final class Labels {
    private Labels() {
    }

    /** The machine: its name, and its CI id when that differs ("web-01 (ci-4711)"). */
    static String machine(Notice notice) {
        return notice.ciName().equals(notice.ciId()) ? notice.ciName()
                : notice.ciName() + " (" + notice.ciId() + ")";
    }

    /** "1 mismatch", "3 mismatches". */
    static String mismatches(Notice notice) {
        return notice.mismatches() + (notice.mismatches() == 1 ? " mismatch" : " mismatches");
    }
}
