package dev.drift.agent.baseline;

import dev.drift.agent.redact.SensitiveFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a file's current state: hash, attributes and (for text within the bound) its text.
 * Symbolic links are followed, so a linked {@code resolv.conf} is reported by its content.
 */
public final class FileStateReader {
    private static final int HASH_BUFFER = 64 * 1024;

    private final SensitiveFiles sensitiveFiles;
    private final long contentMaxBytes;

    public FileStateReader(SensitiveFiles sensitiveFiles, long contentMaxBytes) {
        this.sensitiveFiles = Objects.requireNonNull(sensitiveFiles, "sensitiveFiles");
        this.contentMaxBytes = contentMaxBytes;
    }

    /**
     * @return empty when there is no regular file at the path (deleted, or a directory)
     * @throws IOException when the file exists but cannot be read
     */
    public Optional<Observation> read(Path path) throws IOException {
        try {
            Map<String, Object> attrs = Files.readAttributes(path, "unix:mode,owner,group,size,isRegularFile");
            if (!(Boolean) attrs.get("isRegularFile")) {
                return Optional.empty();
            }
            String mode = String.format("%04o", (Integer) attrs.get("mode") & 07777);
            String owner = ((UserPrincipal) attrs.get("owner")).getName();
            String group = ((GroupPrincipal) attrs.get("group")).getName();
            long size = (Long) attrs.get("size");
            return Optional.of(size <= contentMaxBytes
                    ? small(path, mode, owner, group)
                    : large(path, mode, owner, group));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private Observation small(Path path, String mode, String owner, String group) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        boolean sensitive = sensitiveFiles.isSensitive(path, bytes);
        Optional<String> text = text(bytes);
        FileState state = new FileState(sha256(bytes), mode, owner, group, bytes.length, sensitive,
                sensitive ? Optional.empty() : text);
        return new Observation(state, text);
    }

    private Observation large(Path path, String mode, String owner, String group) throws IOException {
        MessageDigest digest = newDigest();
        long size = 0;
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buffer = new byte[HASH_BUFFER];
            for (int n; (n = in.read(buffer)) > 0; size += n) {
                digest.update(buffer, 0, n);
            }
        }
        FileState state = new FileState(HexFormat.of().formatHex(digest.digest()), mode, owner, group, size,
                sensitiveFiles.byPath(path), Optional.empty());
        return new Observation(state, Optional.empty());
    }

    /** Text is valid UTF-8 without NUL bytes; anything else is binary and has no text. */
    private static Optional<String> text(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256Bytes(bytes));
    }

    static byte[] sha256Bytes(byte[] bytes) {
        return newDigest().digest(bytes);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
