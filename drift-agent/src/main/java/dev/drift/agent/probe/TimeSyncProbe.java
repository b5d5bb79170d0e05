package dev.drift.agent.probe;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The clock is synchronised within a bound: {@code chronyc -n tracking} (offset and leap status),
 * or, where chrony is not installed, {@code timedatectl show} (synchronised or not; offset unknown).
 * Measurements {@code synchronized} and {@code offset_ms}.
 */
final class TimeSyncProbe implements Probe {
    private static final ProbeInfo INFO = new ProbeInfo("high", "RB-TIME-SYNC", List.of("HIPAA 164.312(b)",
            "PCI DSS 10.6.1"));
    private static final Pattern SYSTEM_TIME = Pattern.compile(
            "(?m)^System time\\s*:\\s*([0-9.]+) seconds (fast|slow) of NTP time");
    private static final Pattern LEAP = Pattern.compile("(?m)^Leap status\\s*:\\s*(.+)$");

    private final Duration maxOffset;
    private final CommandRunner commands;
    private final Duration timeout;

    TimeSyncProbe(Duration maxOffset, CommandRunner commands, Duration timeout) {
        this.maxOffset = maxOffset;
        this.commands = commands;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "time_sync";
    }

    @Override
    public ProbeInfo info() {
        return INFO;
    }

    @Override
    public List<String> measurementNames() {
        return List.of("synchronized", "offset_ms");
    }

    @Override
    public ProbeResult run() {
        CommandRunner.Output chrony;
        try {
            chrony = commands.run(List.of("chronyc", "-n", "tracking"), timeout);
        } catch (ProbeFailure noChrony) {
            return fromTimedatectl(noChrony.getMessage());
        }
        if (chrony.exitCode() != 0) {
            return fromTimedatectl("chronyc exited " + chrony.exitCode());
        }
        return fromChrony(chrony.stdout());
    }

    private ProbeResult fromChrony(String tracking) {
        Matcher time = SYSTEM_TIME.matcher(tracking);
        Matcher leap = LEAP.matcher(tracking);
        if (!time.find() || !leap.find()) {
            throw new ProbeFailure("chronyc tracking printed no system time or leap status");
        }
        BigDecimal offsetMs = new BigDecimal(time.group(1)).movePointRight(3).setScale(3, RoundingMode.HALF_UP);
        boolean synced = !leap.group(1).strip().startsWith("Not synchronised");
        Map<String, Object> measured = new LinkedHashMap<>();
        measured.put("synchronized", synced);
        measured.put("offset_ms", offsetMs);
        String seen = "clock " + offsetMs.toPlainString() + " ms " + time.group(2) + " of NTP time, leap status "
                + leap.group(1).strip();
        boolean within = offsetMs.compareTo(BigDecimal.valueOf(maxOffset.toMillis())) <= 0;
        return synced && within
                ? ProbeResult.ok(name(), seen, measured)
                : ProbeResult.drift(name(), seen + " (bound " + maxOffset.toMillis() + " ms)", measured);
    }

    private ProbeResult fromTimedatectl(String whyNotChrony) {
        CommandRunner.Output out = commands.run(List.of("timedatectl", "show", "-p", "NTPSynchronized", "--value"),
                timeout);
        String answer = out.stdout().strip();
        if (out.exitCode() != 0 || !(answer.equals("yes") || answer.equals("no"))) {
            throw new ProbeFailure("neither chronyc (" + whyNotChrony + ") nor timedatectl answered");
        }
        Map<String, Object> measured = new LinkedHashMap<>();
        measured.put("synchronized", answer.equals("yes"));
        measured.put("offset_ms", null);
        return answer.equals("yes")
                ? ProbeResult.ok(name(), "systemd-timesyncd says synchronised (offset not known)", measured)
                : ProbeResult.drift(name(), "systemd-timesyncd says not synchronised", measured);
    }
}
