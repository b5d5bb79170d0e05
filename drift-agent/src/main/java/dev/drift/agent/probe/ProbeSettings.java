package dev.drift.agent.probe;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which probes run and their bounds. A probe without what it needs (no backup directory, no
 * mount points, no certificates) is not run.
 *
 * @param interval              how often all probes run (default 5 min)
 * @param timeout               per probe (default 10 s); a probe that overruns is an error result
 * @param services              units that must be active (default {@code ssh})
 * @param maxClockOffset        largest acceptable clock offset (default 500 ms)
 * @param backupDirectory       where backups land, or null for no backup probe (default {@code /var/backups})
 * @param maxBackupAge          oldest acceptable newest backup (default 26 h)
 * @param maxSecurityUpdateAge  longest a security update may stay pending (default 7 days); null: no probe
 * @param encryptedMountpoints  mount points that must be on encrypted volumes (default none: no probe)
 * @param certificates          TLS certificates to watch, by label (probe {@code tls:<label>}; default none)
 * @param minCertificateDays    fewest days a certificate may have left (default 14)
 */
public record ProbeSettings(Duration interval, Duration timeout, List<String> services, Duration maxClockOffset,
                            Path backupDirectory, Duration maxBackupAge, Duration maxSecurityUpdateAge,
                            List<String> encryptedMountpoints, Map<String, Path> certificates,
                            int minCertificateDays) {

    public ProbeSettings {
        require(interval != null && interval.isPositive(), "probe interval must be positive");
        require(timeout != null && timeout.isPositive(), "probe timeout must be positive");
        require(maxClockOffset != null && !maxClockOffset.isNegative(), "max clock offset must not be negative");
        require(maxBackupAge != null && maxBackupAge.isPositive(), "max backup age must be positive");
        require(minCertificateDays >= 0, "min certificate days must not be negative");
        services = List.copyOf(services);
        encryptedMountpoints = List.copyOf(encryptedMountpoints);
        certificates = new TreeMap<>(Objects.requireNonNull(certificates, "certificates"));
        certificates.keySet().forEach(label -> require(label.matches("[^\\[\\]\\s]+"),
                "certificate label must have no brackets or whitespace: " + label));
    }

    /** The documented defaults. */
    public static ProbeSettings defaults() {
        return new ProbeSettings(Duration.ofMinutes(5), Duration.ofSeconds(10), List.of("ssh"), Duration.ofMillis(500),
                Path.of("/var/backups"), Duration.ofHours(26), Duration.ofDays(7), List.of(), Map.of(), 14);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
