package dev.drift.agent.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The required mount points live on encrypted volumes: in {@code lsblk -J} output, the device
 * mounted there, or one of its parents, is of type {@code crypt} (LUKS / dm-crypt). Measurement
 * {@code unencrypted}: how many required mount points are not. A mount point lsblk does not list is
 * an error: nothing is known about it.
 */
final class EncryptedVolumesProbe implements Probe {
    private static final ProbeInfo INFO = new ProbeInfo("high", "RB-DISK-ENCRYPTION",
            List.of("HIPAA 164.312(a)(2)(iv)", "PCI DSS 3.5.1"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> mountpoints;
    private final CommandRunner commands;
    private final Duration timeout;

    EncryptedVolumesProbe(List<String> mountpoints, CommandRunner commands, Duration timeout) {
        this.mountpoints = List.copyOf(mountpoints);
        this.commands = commands;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "disk_encryption";
    }

    @Override
    public ProbeInfo info() {
        return INFO;
    }

    @Override
    public List<String> measurementNames() {
        return List.of("unencrypted");
    }

    @Override
    public ProbeResult run() {
        CommandRunner.Output out = commands.run(List.of("lsblk", "-J", "-o", "NAME,TYPE,MOUNTPOINTS"), timeout);
        if (out.exitCode() != 0) {
            throw new ProbeFailure("lsblk exited " + out.exitCode());
        }
        Map<String, Boolean> encryptedByMount = new LinkedHashMap<>();
        try {
            JsonNode devices = JSON.readTree(out.stdout()).path("blockdevices");
            devices.forEach(d -> collect(d, false, encryptedByMount));
        } catch (IOException e) {
            throw new ProbeFailure("lsblk printed no JSON: " + e.getMessage(), e);
        }
        List<String> unencrypted = new ArrayList<>();
        for (String mount : mountpoints) {
            Boolean encrypted = encryptedByMount.get(mount);
            if (encrypted == null) {
                throw new ProbeFailure(mount + " is not on a block device lsblk lists");
            }
            if (!encrypted) {
                unencrypted.add(mount);
            }
        }
        Map<String, Object> measured = Map.of("unencrypted", unencrypted.size());
        return unencrypted.isEmpty()
                ? ProbeResult.ok(name(), "encrypted: " + String.join(", ", mountpoints), measured)
                : ProbeResult.drift(name(), "not encrypted: " + String.join(", ", unencrypted), measured);
    }

    private static void collect(JsonNode device, boolean underCrypt, Map<String, Boolean> byMount) {
        boolean encrypted = underCrypt || "crypt".equals(device.path("type").asText());
        for (JsonNode mount : mountsOf(device)) {
            if (!mount.isNull() && !mount.asText().isEmpty()) {
                byMount.merge(mount.asText(), encrypted, Boolean::logicalAnd);
            }
        }
        device.path("children").forEach(child -> collect(child, encrypted, byMount));
    }

    /** util-linux 2.37+ prints {@code mountpoints} (a list); older versions {@code mountpoint}. */
    private static List<JsonNode> mountsOf(JsonNode device) {
        List<JsonNode> mounts = new ArrayList<>();
        device.path("mountpoints").forEach(mounts::add);
        if (device.has("mountpoint")) {
            mounts.add(device.get("mountpoint"));
        }
        return mounts;
    }
}
