package dev.drift.agent.probe;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Builds the probes the settings ask for. */
public final class Probes {
    private Probes() {
    }

    /**
     * @param stateDirectory where probes keep what they must remember between runs
     */
    public static List<Probe> from(ProbeSettings settings, CommandRunner commands, Path stateDirectory, Clock clock) {
        List<Probe> probes = new ArrayList<>();
        settings.services().forEach(unit -> probes.add(new ServiceActiveProbe(unit, commands, settings.timeout())));
        probes.add(new TimeSyncProbe(settings.maxClockOffset(), commands, settings.timeout()));
        if (settings.backupDirectory() != null) {
            probes.add(new BackupAgeProbe(settings.backupDirectory(), settings.maxBackupAge(), clock));
        }
        if (settings.maxSecurityUpdateAge() != null) {
            probes.add(new SecurityUpdatesProbe(settings.maxSecurityUpdateAge(), commands, settings.timeout(),
                    stateDirectory, clock));
        }
        if (!settings.encryptedMountpoints().isEmpty()) {
            probes.add(new EncryptedVolumesProbe(settings.encryptedMountpoints(), commands, settings.timeout()));
        }
        settings.certificates().forEach((label, file) ->
                probes.add(new TlsExpiryProbe(label, file, settings.minCertificateDays(), clock)));
        return probes;
    }
}
