package dev.drift.service.desired.file;

import dev.drift.service.desired.DesiredLookup;
import dev.drift.service.desired.DesiredStateSource;
import dev.drift.service.model.CiKey;
import dev.drift.service.system.DriftException;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desired state kept as one YAML file per CI ({@code <ci-id>.yaml} or {@code .yml}) in a directory,
 * for example a Git checkout. A CI without a file is unmanaged. Files are re-read when their
 * modification time or size changes, so edits take effect at the next reconcile of the CI.
 *
 * <p>Failures: an unreadable directory is retryable (a mount may come back); a malformed file is
 * terminal until it is fixed, and names the file and the problem.
 */
@Singleton
@Requires(property = "drift.desired.source", value = "file", defaultValue = "file")
final class FileDesiredStateSource implements DesiredStateSource {
    private static final Logger LOG = LoggerFactory.getLogger(FileDesiredStateSource.class);
    private final Path directory;
    private final ConcurrentMap<Path, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(FileTime modified, long size, DesiredLookup lookup) {
    }

    FileDesiredStateSource(FileSourceProperties properties) {
        this.directory = Path.of(properties.directory()).toAbsolutePath().normalize();
    }

    @Override
    public DesiredLookup lookup(CiKey ci) {
        if (!Files.isDirectory(directory)) {
            throw new DriftException.Retryable("desired-state directory " + directory + " is not readable");
        }
        for (String extension : new String[] {".yaml", ".yml"}) {
            Path file = directory.resolve(ci.value() + extension).normalize();
            if (!file.startsWith(directory)) {
                return new DesiredLookup.Unmanaged(ci);
            }
            DesiredLookup found = read(ci, file);
            if (found != null) {
                return found;
            }
        }
        return new DesiredLookup.Unmanaged(ci);
    }

    private DesiredLookup read(CiKey ci, Path file) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            Cached cached = cache.get(file);
            if (cached != null && cached.modified().equals(modified) && cached.size() == size) {
                return cached.lookup();
            }
            DesiredLookup lookup;
            try (Reader reader = Files.newBufferedReader(file)) {
                lookup = CiFileParser.parse(ci, file.getFileName().toString(), StrictYaml.create().load(reader));
            } catch (RuntimeException malformed) {
                throw new DriftException.Terminal("invalid desired-state file: " + malformed.getMessage(), malformed);
            }
            cache.put(file, new Cached(modified, size, lookup));
            return lookup;
        } catch (NoSuchFileException absent) {
            cache.remove(file);
            return null;
        } catch (IOException e) {
            throw new DriftException.Retryable("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<CiKey, DesiredLookup> loadAll() {
        if (!Files.isDirectory(directory)) {
            throw new DriftException.Retryable("desired-state directory " + directory + " is not readable");
        }
        Map<CiKey, DesiredLookup> all = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                ciOf(file).ifPresent(ci -> loadInto(all, ci, file));
            }
        } catch (IOException e) {
            throw new DriftException.Retryable("cannot list " + directory + ": " + e.getMessage(), e);
        }
        return all;
    }

    private void loadInto(Map<CiKey, DesiredLookup> all, CiKey ci, Path file) {
        try {
            DesiredLookup lookup = read(ci, file);
            if (lookup != null) {
                all.put(ci, lookup);
            }
        } catch (DriftException.Terminal malformed) {
            LOG.warn("skipping {} in sweep: {}", file.getFileName(), malformed.getMessage());
        }
    }

    private static Optional<CiKey> ciOf(Path file) {
        String name = file.getFileName().toString();
        for (String extension : new String[] {".yaml", ".yml"}) {
            if (name.endsWith(extension) && name.length() > extension.length()) {
                try {
                    return Optional.of(CiKey.of(name.substring(0, name.length() - extension.length())));
                } catch (IllegalArgumentException notACiId) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return "file";
    }
}
