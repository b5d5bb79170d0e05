package dev.drift.agent.baseline;

import java.nio.file.LinkOption;

/**
 * How a symbolic link at a watched path is read. A path configured explicitly (a
 * {@code resolv.conf} that systemd-resolved links elsewhere) is read through its link, by the
 * content it points to; a link found while walking a directory is recorded as a link, by the path
 * it points to, and never followed: following them made a scan of {@code /etc} hash the programs
 * that {@code /etc/alternatives} points to (about 140 MB instead of 2 MB), and AIDE, like this,
 * records a link's target path.
 */
public enum Links {
    FOLLOW,
    RECORD;

    LinkOption[] options() {
        return this == FOLLOW ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
    }
}
