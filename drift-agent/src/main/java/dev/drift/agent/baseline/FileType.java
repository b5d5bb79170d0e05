package dev.drift.agent.baseline;

/** What a watched path is: a regular file, or a symbolic link recorded as such (not followed). */
public enum FileType {
    REGULAR,
    /** Its "content" is the path it points to: that is what is hashed, kept and diffed. */
    SYMLINK
}
