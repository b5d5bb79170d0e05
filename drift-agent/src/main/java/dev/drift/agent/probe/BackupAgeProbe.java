package dev.drift.agent.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The newest backup is younger than a bound: the newest regular file (by modification time) in the
 * backup directory, at most four levels deep. Measurement {@code age_hours}; null when there is no
 * backup at all (a drift). A missing or unreadable directory is an error.
 */
final class BackupAgeProbe implements Probe {
    private static final ProbeInfo INFO = new ProbeInfo("high", "RB-BACKUP-AGE",
            List.of("HIPAA 164.308(a)(7)(ii)(A)", "ISO 27001 A.8.13"));
    private static final int MAX_DEPTH = 4;

    private final Path directory;
    private final Duration maxAge;
    private final Clock clock;

    BackupAgeProbe(Path directory, Duration maxAge, Clock clock) {
        this.directory = directory;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "backup";
    }

    @Override
    public ProbeInfo info() {
        return INFO;
    }

    @Override
    public List<String> measurementNames() {
        return List.of("age_hours");
    }

    @Override
    public ProbeResult run() {
        if (!Files.isDirectory(directory) || !Files.isReadable(directory)) {
            throw new ProbeFailure(directory + " is not a readable directory");
        }
        Optional<Instant> newest = newestFile();
        if (newest.isEmpty()) {
            Map<String, Object> none = new HashMap<>();
            none.put("age_hours", null);
            return ProbeResult.drift(name(), "no backup in " + directory, none);
        }
        Duration age = Duration.between(newest.get(), clock.instant());
        BigDecimal hours = BigDecimal.valueOf(age.toSeconds()).divide(BigDecimal.valueOf(3600), 1, RoundingMode.HALF_UP);
        String seen = "newest file in " + directory + " is " + hours.toPlainString() + " h old (bound "
                + maxAge.toHours() + " h)";
        Map<String, Object> measured = Map.of("age_hours", hours);
        return age.compareTo(maxAge) <= 0 ? ProbeResult.ok(name(), seen, measured)
                : ProbeResult.drift(name(), seen, measured);
    }

    private Optional<Instant> newestFile() {
        try (Stream<Path> files = Files.walk(directory, MAX_DEPTH)) {
            return files.map(BackupAgeProbe::modifiedIfRegular).flatMap(Optional::stream).max(Instant::compareTo);
        } catch (IOException | UncheckedIOException e) {
            throw new ProbeFailure("cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Instant> modifiedIfRegular(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return attributes.isRegularFile() ? Optional.of(attributes.lastModifiedTime().toInstant()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
