package dev.drift.agent.baseline;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The baseline of every watched file, one JSON file per path in {@code <state-dir>/baseline/},
 * named by the SHA-256 of the path and written atomically (temporary file, then rename), so a crash
 * leaves either the old or the new baseline and it survives restarts. The directory is private to
 * the agent's user because it holds the text of configuration files.
 *
 * <p>What is compared (hash, attributes, type) is held in memory for every path, read in parallel
 * when the store is opened, so a scan compares without touching the baseline files; the text is read
 * from disk only when a change of its file needs a diff, which keeps the agent small however large
 * the watched files are. A baseline file that cannot be read is logged and treated as absent (the
 * file is then reported as created, never silently taken as unchanged).
 *
 * <p>Thread-safe: a scan reads and writes baselines from several threads, each path from one.
 */
public final class BaselineStore {
    private static final Logger LOG = Logger.getLogger(BaselineStore.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = ".json";

    private final Path dir;
    /** Each known path's state without its text. */
    private final Map<Path, FileState> known = new ConcurrentHashMap<>();

    private BaselineStore(Path dir) {
        this.dir = dir;
    }

    /** Opens (creating if needed) the baseline under the state directory and indexes its paths. */
    public static BaselineStore open(Path stateDir) {
        Path dir = stateDir.resolve("baseline");
        try {
            createPrivateDirectory(stateDir);
            createPrivateDirectory(dir);
            BaselineStore store = new BaselineStore(dir);
            List<Path> files;
            try (Stream<Path> listed = Files.list(dir)) {
                files = listed.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList();
            }
            files.parallelStream().forEach(store::index);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the baseline in " + dir, e);
        }
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    private void index(Path file) {
        try {
            Optional<Map.Entry<Path, FileState>> entry = summary(file);
            entry.ifPresentOrElse(e -> known.put(e.getKey(), e.getValue()),
                    () -> LOG.warning(() -> "ignoring incomplete baseline file " + file));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "ignoring unreadable baseline file " + file + ": " + e.getMessage());
        }
    }

    /**
     * A baseline file's path and state without its text, read as a stream of tokens: the text, most
     * of the file, is skipped undecoded (still to its end, so a truncated file is refused).
     */
    private static Optional<Map.Entry<Path, FileState>> summary(Path file) throws IOException {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser parser = JSON.getFactory().createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == null) {
                    throw new JsonParseException(parser, "unexpected end of the baseline file");
                }
                if (!"content".equals(name) && value.isScalarValue()) {
                    fields.put(name, parser.getText());
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw new JsonParseException(parser, "the baseline file does not end as an object");
            }
        }
        if (fields.get("path") == null || fields.get("sha256") == null) {
            return Optional.empty();
        }
        return Optional.of(Map.entry(Path.of(fields.get("path")), new FileState(fields.get("sha256"),
                fields.getOrDefault("mode", ""), fields.getOrDefault("owner", ""), fields.getOrDefault("group", ""),
                Long.parseLong(fields.getOrDefault("size", "0")), Boolean.parseBoolean(fields.get("sensitive")),
                Optional.empty(), "symlink".equals(fields.get("type")) ? FileType.SYMLINK : FileType.REGULAR)));
    }

    /** The paths that have a baseline, sorted. */
    public List<Path> paths() {
        return known.keySet().stream().sorted().toList();
    }

    /** The paths with a baseline at or below {@code path}, sorted. */
    public List<Path> pathsUnder(Path path) {
        return known.keySet().stream().filter(p -> p.startsWith(path)).sorted().toList();
    }

    /** Whether the path has a baseline. */
    public boolean contains(Path path) {
        return known.containsKey(path);
    }

    /** The baseline without its text, from memory: enough to tell whether anything changed. */
    public Optional<FileState> state(Path path) {
        return Optional.ofNullable(known.get(path));
    }

    /** The whole baseline, with its text, from disk. */
    public Optional<FileState> get(Path path) {
        if (!known.containsKey(path)) {
            return Optional.empty();
        }
        return readFile(fileOf(path)).map(BaselineStore::fromJson);
    }

    /** Replaces the baseline of a path, atomically. */
    public void put(Path path, FileState state) {
        Path target = fileOf(path);
        try {
            Path temp = Files.createTempFile(dir, ".tmp-", SUFFIX);
            try {
                Files.write(temp, JSON.writeValueAsBytes(toJson(path, state)));
                moveAtomically(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
            known.put(path, state.withoutContent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the baseline of " + path, e);
        }
    }

    public void remove(Path path) {
        try {
            Files.deleteIfExists(fileOf(path));
            known.remove(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the baseline of " + path, e);
        }
    }

    private static void moveAtomically(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Path fileOf(Path path) {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        return dir.resolve(HexFormat.of().formatHex(FileStateReader.sha256Bytes(name)) + SUFFIX);
    }

    private static Optional<JsonNode> readFile(Path file) {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node != null && node.path("path").isTextual() && node.path("sha256").isTextual()) {
                return Optional.of(node);
            }
            LOG.warning(() -> "ignoring incomplete baseline file " + file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "ignoring unreadable baseline file " + file + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    private static ObjectNode toJson(Path path, FileState state) {
        ObjectNode node = JSON.createObjectNode()
                .put("path", path.toString())
                .put("sha256", state.sha256())
                .put("mode", state.mode())
                .put("owner", state.owner())
                .put("group", state.group())
                .put("size", state.size())
                .put("sensitive", state.sensitive());
        state.content().ifPresent(text -> node.put("content", text));
        if (state.type() == FileType.SYMLINK) {
            node.put("type", "symlink");
        }
        return node;
    }

    private static FileState fromJson(JsonNode node) {
        return new FileState(node.path("sha256").asText(), node.path("mode").asText(), node.path("owner").asText(),
                node.path("group").asText(), node.path("size").asLong(), node.path("sensitive").asBoolean(),
                node.hasNonNull("content") ? Optional.of(node.get("content").asText()) : Optional.empty(),
                "symlink".equals(node.path("type").asText()) ? FileType.SYMLINK : FileType.REGULAR);
    }
}
