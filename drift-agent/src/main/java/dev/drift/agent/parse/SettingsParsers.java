package dev.drift.agent.parse;

import java.nio.file.Path;
import java.util.Optional;

/** Which parser reads a file, by its name (and its directory for {@code *.d} drop-ins). */
public final class SettingsParsers {
    private SettingsParsers() {
    }

    /** The parser for the file's format; empty when the format is not known. */
    public static Optional<SettingsParser> forPath(Path path) {
        Path fileName = path.getFileName();
        if (fileName == null) {
            return Optional.empty();
        }
        String name = fileName.toString();
        String dir = path.getParent() == null || path.getParent().getFileName() == null ? ""
                : path.getParent().getFileName().toString();
        return Optional.ofNullable(switch (name) {
            case "sshd_config" -> new SshdConfigParser();
            case "sysctl.conf" -> new SysctlParser();
            case "hosts" -> new HostsParser();
            case "resolv.conf" -> new ResolvConfParser();
            case "passwd" -> new PasswdParser();
            case "group" -> new GroupParser();
            case "shadow" -> new ShadowParser();
            case "sudoers" -> new SudoersParser();
            default -> dropIn(dir, name);
        });
    }

    private static SettingsParser dropIn(String dir, String name) {
        return switch (dir) {
            case "sshd_config.d" -> name.endsWith(".conf") ? new SshdConfigParser() : null;
            case "sysctl.d" -> name.endsWith(".conf") ? new SysctlParser() : null;
            case "sudoers.d" -> new SudoersParser();
            default -> null;
        };
    }
}
