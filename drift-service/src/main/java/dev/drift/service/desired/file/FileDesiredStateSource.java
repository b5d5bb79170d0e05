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
import java.util.concurrent.ConcurrentMap;

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
    public String name() {
        return "file";
    }
}
