package dev.drift.agent.baseline;

import dev.drift.agent.redact.SensitiveFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads files for one scan, from any number of threads. Two things a scan of a whole tree would
 * otherwise repeat for every file are done once per session:
 * <ul>
 *   <li>user and group names: the JDK looks each uid and gid up again for every file (a
 *       {@code getpwuid} through NSS); here each id is looked up once;</li>
 *   <li>the content of a file reached through several hard links: read and hashed once, for the
 *       same device, inode, size, modification and change time.</li>
 * </ul>
 * A session is short-lived: names and contents may change between scans.
 */
public final class ReadSession {
    private static final int HASH_BUFFER = 64 * 1024;

    private final SensitiveFiles sensitiveFiles;
    private final long contentMaxBytes;
    private final Map<Integer, String> users = new ConcurrentHashMap<>();
    private final Map<Integer, String> groups = new ConcurrentHashMap<>();
    private final Map<Stat.InodeKey, Contents> hardLinked = new ConcurrentHashMap<>();
    private final LongAdder bytesRead = new LongAdder();

    ReadSession(SensitiveFiles sensitiveFiles, long contentMaxBytes) {
        this.sensitiveFiles = sensitiveFiles;
        this.contentMaxBytes = contentMaxBytes;
    }

    /** What was read of one file's content: hashed, and the text when it is text within the bound. */
    private record Contents(String sha256, long size, Optional<String> text, boolean privateKey) {
    }

    /**
     * @return empty when there is no regular file (nor, when recorded, link) at the path
     * @throws IOException when the file exists but cannot be read
     */
    public Optional<Observation> read(Path path, Links links) throws IOException {
        Optional<Stat> stat = Stat.of(path, links);
        return stat.isEmpty() ? Optional.empty() : read(path, stat.get());
    }

    /**
     * Reads a file whose {@link Stat} the caller has just taken (a walk has one for every entry).
     *
     * @return empty when it is not a file, or vanished meanwhile
     */
    public Optional<Observation> read(Path path, Stat stat) throws IOException {
        try {
            return switch (stat.type()) {
                case REGULAR -> Optional.of(regular(path, stat));
                case SYMLINK -> Optional.of(link(path, stat));
                case DIRECTORY, OTHER -> Optional.empty();
            };
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Bytes of content read so far (a link counts the length of its target path). */
    public long bytesRead() {
        return bytesRead.sum();
    }

    private Observation regular(Path path, Stat stat) throws IOException {
        Contents contents = stat.nlink() > 1 ? sharedContents(path, stat) : contents(path, stat.size());
        boolean sensitive = sensitiveFiles.byPath(path) || contents.privateKey();
        FileState state = new FileState(contents.sha256(), stat.octalMode(), owner(path, stat), group(path, stat),
                contents.size(), sensitive, sensitive ? Optional.empty() : contents.text(), FileType.REGULAR);
        return new Observation(state, contents.text());
    }

    /** A link's content is the path it points to; what it points to is never opened. */
    private Observation link(Path path, Stat stat) throws IOException {
        String target = Files.readSymbolicLink(path).toString();
        byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
        bytesRead.add(bytes.length);
        boolean sensitive = sensitiveFiles.byPath(path);
        FileState state = new FileState(FileStateReader.sha256(bytes), stat.octalMode(), owner(path, stat),
                group(path, stat), bytes.length, sensitive, sensitive ? Optional.empty() : Optional.of(target),
                FileType.SYMLINK);
        return new Observation(state, Optional.empty());
    }

    private Contents sharedContents(Path path, Stat stat) throws IOException {
        try {
            return hardLinked.computeIfAbsent(stat.inode(), key -> {
                try {
                    return contents(path, stat.size());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Contents contents(Path path, long size) throws IOException {
        if (size > contentMaxBytes) {
            return hashed(path);
        }
        byte[] bytes = Files.readAllBytes(path);
        bytesRead.add(bytes.length);
        return new Contents(FileStateReader.sha256(bytes), bytes.length, text(bytes),
                SensitiveFiles.containsPrivateKey(bytes));
    }

    /** Larger than the bound: hashed as it streams by, no text kept (sensitive by its path only). */
    private Contents hashed(Path path) throws IOException {
        MessageDigest digest = FileStateReader.newDigest();
        long size = 0;
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buffer = new byte[HASH_BUFFER];
            for (int n; (n = in.read(buffer)) > 0; size += n) {
                digest.update(buffer, 0, n);
            }
        }
        bytesRead.add(size);
        return new Contents(HexFormat.of().formatHex(digest.digest()), size, Optional.empty(), false);
    }

    private String owner(Path path, Stat stat) throws IOException {
        String name = users.get(stat.uid());
        if (name != null) {
            return name;
        }
        Map<String, Object> a = Files.readAttributes(path, "unix:uid,owner", stat.links().options());
        users.put((Integer) a.get("uid"), ((UserPrincipal) a.get("owner")).getName());
        return users.getOrDefault(stat.uid(), String.valueOf(stat.uid()));
    }

    private String group(Path path, Stat stat) throws IOException {
        String name = groups.get(stat.gid());
        if (name != null) {
            return name;
        }
        Map<String, Object> a = Files.readAttributes(path, "unix:gid,group", stat.links().options());
        groups.put((Integer) a.get("gid"), ((GroupPrincipal) a.get("group")).getName());
        return groups.getOrDefault(stat.gid(), String.valueOf(stat.gid()));
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
}
