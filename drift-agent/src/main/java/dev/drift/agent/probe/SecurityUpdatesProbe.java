package dev.drift.agent.probe;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * No security update has been pending longer than a bound. Pending security updates are what
 * {@code apt-get -s dist-upgrade} would install from a {@code *-security} origin; apt does not say
 * since when, so the probe remembers when it first saw each one pending (a small file in the
 * agent's state directory) and forgets it once installed. Measurements {@code pending} and
 * {@code oldest_pending_days}.
 */
final class SecurityUpdatesProbe implements Probe {
    private static final ProbeInfo INFO = new ProbeInfo("warning", "RB-SECURITY-UPDATES",
            List.of("PCI DSS 6.3.3", "ISO 27001 A.8.8"));
    private static final Pattern INST = Pattern.compile("(?m)^Inst (\\S+) .*\\((\\S+) ([^\\[)]*)");

    private final Duration maxPending;
    private final CommandRunner commands;
    private final Duration timeout;
    private final Path firstSeenFile;
    private final Clock clock;

    SecurityUpdatesProbe(Duration maxPending, CommandRunner commands, Duration timeout, Path stateDirectory,
                         Clock clock) {
        this.maxPending = maxPending;
        this.commands = commands;
        this.timeout = timeout;
        this.firstSeenFile = stateDirectory.resolve("security-updates.properties");
        this.clock = clock;
    }

    @Override
    public String name() {
        return "security_updates";
    }

    @Override
    public ProbeInfo info() {
        return INFO;
    }

    @Override
    public List<String> measurementNames() {
        return List.of("pending", "oldest_pending_days");
    }

    @Override
    public ProbeResult run() {
        CommandRunner.Output out = commands.run(
                List.of("apt-get", "-s", "-o", "Debug::NoLocking=1", "dist-upgrade"), timeout);
        if (out.exitCode() != 0) {
            throw new ProbeFailure("apt-get -s dist-upgrade exited " + out.exitCode());
        }
        Instant now = clock.instant();
        Map<String, Instant> pending = remember(securityUpdates(out.stdout()), now);
        long oldestDays = pending.values().stream().min(Instant::compareTo)
                .map(first -> Duration.between(first, now).toDays()).orElse(0L);
        Map<String, Object> measured = new LinkedHashMap<>();
        measured.put("pending", pending.size());
        measured.put("oldest_pending_days", oldestDays);
        String seen = pending.size() + " security updates pending" + (pending.isEmpty() ? ""
                : ", oldest seen " + oldestDays + " days ago: " + String.join(" ", pending.keySet()));
        return Duration.ofDays(oldestDays).compareTo(maxPending) <= 0 || pending.isEmpty()
                ? ProbeResult.ok(name(), seen, measured)
                : ProbeResult.drift(name(), seen + " (bound " + maxPending.toDays() + " days)", measured);
    }

    /** Package names apt would upgrade from a security origin. */
    static List<String> securityUpdates(String simulation) {
        Matcher m = INST.matcher(simulation);
        java.util.ArrayList<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            if (m.group(3).toLowerCase(java.util.Locale.ROOT).contains("security")) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** First-seen times of the packages pending now; packages no longer pending are forgotten. */
    private Map<String, Instant> remember(List<String> pendingNow, Instant now) {
        Properties known = load();
        Map<String, Instant> pending = new TreeMap<>();
        for (String name : pendingNow) {
            String first = known.getProperty(name);
            pending.put(name, first == null ? now : Instant.ofEpochSecond(Long.parseLong(first)));
        }
        store(pending);
        return pending;
    }

    private Properties load() {
        Properties known = new Properties();
        if (Files.exists(firstSeenFile)) {
            try (Reader in = Files.newBufferedReader(firstSeenFile, StandardCharsets.UTF_8)) {
                known.load(in);
            } catch (IOException | IllegalArgumentException e) {
                throw new ProbeFailure("cannot read " + firstSeenFile + ": " + e.getMessage(), e);
            }
        }
        return known;
    }

    private void store(Map<String, Instant> pending) {
        Properties out = new Properties();
        pending.forEach((name, first) -> out.setProperty(name, Long.toString(first.getEpochSecond())));
        Path temp = firstSeenFile.resolveSibling(firstSeenFile.getFileName() + ".tmp");
        try {
            Files.createDirectories(firstSeenFile.getParent());
            try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                out.store(w, "security updates pending, first seen (epoch seconds)");
            }
            Files.move(temp, firstSeenFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ProbeFailure("cannot write " + firstSeenFile + ": " + e.getMessage(), e);
        }
    }
}
