package dev.drift.agent.baseline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One {@code stat} (or {@code lstat}) of a path: what the walk needs to decide what a path is, and
 * what the reader needs besides the content, read with a single system call and no user or group
 * name lookup (see {@link ReadSession} for those).
 *
 * @param type  directory, regular file, symbolic link (only when links are recorded) or other
 * @param mode  permission bits including set-id and sticky
 * @param size  bytes (for a link, the length of the path it points to)
 * @param mtime modification time, nanoseconds since the epoch
 * @param ctime status change time, nanoseconds since the epoch
 */
public record Stat(Type type, int mode, int uid, int gid, long size, long dev, long ino, int nlink, long mtime,
                   long ctime, Links links) {
    private static final String ATTRIBUTES =
            "unix:mode,uid,gid,size,dev,ino,nlink,lastModifiedTime,ctime,isRegularFile,isDirectory,isSymbolicLink";

    /** The kinds of paths the agent tells apart. */
    public enum Type {
        DIRECTORY, REGULAR, SYMLINK, OTHER
    }

    /**
     * @return empty when nothing is at the path (or a followed link points to nothing)
     * @throws IOException when the path cannot be looked at
     */
    public static Optional<Stat> of(Path path, Links links) throws IOException {
        try {
            Map<String, Object> a = Files.readAttributes(path, ATTRIBUTES, links.options());
            return Optional.of(new Stat(type(a), (Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"),
                    (Long) a.get("size"), (Long) a.get("dev"), (Long) a.get("ino"), (Integer) a.get("nlink"),
                    nanos(a.get("lastModifiedTime")), nanos(a.get("ctime")), links));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static Type type(Map<String, Object> a) {
        if ((Boolean) a.get("isDirectory")) {
            return Type.DIRECTORY;
        }
        if ((Boolean) a.get("isRegularFile")) {
            return Type.REGULAR;
        }
        return (Boolean) a.get("isSymbolicLink") ? Type.SYMLINK : Type.OTHER;
    }

    private static long nanos(Object time) {
        return ((FileTime) time).to(TimeUnit.NANOSECONDS);
    }

    /** A file the agent reports (a directory or a device is not). */
    public boolean isFile() {
        return type == Type.REGULAR || type == Type.SYMLINK;
    }

    /** Permission bits as 4-digit octal, e.g. {@code 0644}. */
    String octalMode() {
        String octal = Integer.toOctalString(mode & 07777);
        return "0000".substring(octal.length()) + octal;
    }

    /** The same inode, not changed since: the key under which hard links share one read. */
    InodeKey inode() {
        return new InodeKey(dev, ino, size, mtime, ctime);
    }

    record InodeKey(long dev, long ino, long size, long mtime, long ctime) {
    }
}
