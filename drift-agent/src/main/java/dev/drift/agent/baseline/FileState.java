package dev.drift.agent.baseline;

import java.util.Objects;
import java.util.Optional;

/**
 * What the agent knows of one file: the baseline it compares the next observation with.
 *
 * @param sha256    hex SHA-256 of the content
 * @param mode      permission bits as 4-digit octal, e.g. {@code 0644}
 * @param owner     owner name (the uid as text when it has no name)
 * @param group     group name (the gid as text when it has no name)
 * @param size      size in bytes
 * @param sensitive whether the file is secret (then {@code content} is always empty)
 * @param content   the text, for diffs; empty for sensitive, binary or oversized files; for a link,
 *                  the path it points to
 * @param type      a regular file, or a symbolic link recorded as one (then {@code sha256} and
 *                  {@code size} are those of the path it points to)
 */
public record FileState(String sha256, String mode, String owner, String group, long size,
                        boolean sensitive, Optional<String> content, FileType type) {
    public FileState {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(content, "content");
        if (sensitive && content.isPresent()) {
            throw new IllegalArgumentException("a sensitive file's content is never kept");
        }
    }

    /** A regular file. */
    public FileState(String sha256, String mode, String owner, String group, long size, boolean sensitive,
                     Optional<String> content) {
        this(sha256, mode, owner, group, size, sensitive, content, FileType.REGULAR);
    }

    /** Same content (by type, hash and size). */
    public boolean sameContent(FileState other) {
        return type == other.type && sha256.equals(other.sha256) && size == other.size;
    }

    /** This state without its text: what is compared; the text is only needed for a diff. */
    public FileState withoutContent() {
        return content.isEmpty() ? this : new FileState(sha256, mode, owner, group, size, sensitive, Optional.empty(), type);
    }

    /** For a symbolic link whose target is kept (not sensitive), the path it points to. */
    public Optional<String> linkTarget() {
        return type == FileType.SYMLINK ? content : Optional.empty();
    }

    /** Same mode, owner and group. */
    public boolean sameAttributes(FileState other) {
        return mode.equals(other.mode) && owner.equals(other.owner) && group.equals(other.group);
    }

    @Override
    public String toString() {
        return "FileState[sha256=" + sha256 + ", mode=" + mode + ", owner=" + owner + ", group=" + group
                + ", size=" + size + ", sensitive=" + sensitive + ", type=" + type + "]";
    }
}
