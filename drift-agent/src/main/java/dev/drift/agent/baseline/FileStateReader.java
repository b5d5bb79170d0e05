package dev.drift.agent.baseline;

import dev.drift.agent.redact.SensitiveFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a file's current state: hash, attributes and (for text within the bound) its text. A path
 * is read following a symbolic link or recording it (see {@link Links}); a scan reads many files
 * through one {@link #session()}, which shares user and group names and hard-linked contents.
 */
public final class FileStateReader {
    private final SensitiveFiles sensitiveFiles;
    private final long contentMaxBytes;

    public FileStateReader(SensitiveFiles sensitiveFiles, long contentMaxBytes) {
        this.sensitiveFiles = Objects.requireNonNull(sensitiveFiles, "sensitiveFiles");
        this.contentMaxBytes = contentMaxBytes;
    }

    /** A session for one scan or one change: its caches live as long as it does. Thread-safe. */
    public ReadSession session() {
        return new ReadSession(sensitiveFiles, contentMaxBytes);
    }

    /**
     * Reads a path through a symbolic link, as a configured file is read.
     *
     * @return empty when there is no regular file at the path (deleted, or a directory)
     * @throws IOException when the file exists but cannot be read
     */
    public Optional<Observation> read(Path path) throws IOException {
        return read(path, Links.FOLLOW);
    }

    /**
     * @return empty when there is no regular file (nor, when recorded, link) at the path
     * @throws IOException when the file exists but cannot be read
     */
    public Optional<Observation> read(Path path, Links links) throws IOException {
        return session().read(path, links);
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256Bytes(bytes));
    }

    static byte[] sha256Bytes(byte[] bytes) {
        return newDigest().digest(bytes);
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
