package dev.drift.agent.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.drift.agent.probe.ProbeSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link AgentConfig} from the defaults, then the YAML file given with
 * {@code --config FILE}, then the command-line overrides:
 *
 * <pre>
 *   --config FILE      YAML file (see deploy/agent/drift-agent.yml)
 *   --ci-id ID         the node's CI id
 *   --watch PATH       watch PATH instead of the configured list (repeatable; directories recursively)
 *   --state-dir DIR    baseline (and default spool) directory
 *   --redis URI        Redis to publish to
 *   --host-root DIR    where the node's root is mounted (in a container)
 *   --dry-run          write events as JSON lines to stdout
 * </pre>
 *
 * Anything invalid (unknown flag or key, wrong type, bad pattern) is a {@link ConfigException}
 * naming it; unknown keys are refused so a typo never silently leaves a default in place.
 */
public final class ConfigLoader {
    public static final String USAGE = """
            usage: drift-agent [--config FILE] [--ci-id ID] [--watch PATH]... [--state-dir DIR] [--redis URI]
                               [--host-root DIR] [--dry-run]
              --config FILE    YAML configuration (documented defaults: deploy/agent/drift-agent.yml)
              --ci-id ID       the node's CI id (default: host name)
              --watch PATH     watch PATH instead of the configured paths; repeatable; directories recursively
              --state-dir DIR  baseline directory (default /var/lib/drift-agent)
              --redis URI      Redis to publish to (default redis://localhost:6379)
              --host-root DIR  where the node's / is mounted, e.g. /host in a container (default /)
              --dry-run        write events as JSON lines to stdout instead of publishing""";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigLoader() {
    }

    /**
     * @param args     the command line
     * @param hostName the default CI id
     * @throws ConfigException when a flag, the file or a value is invalid
     */
    public static AgentConfig load(List<String> args, String hostName) {
        Flags flags = Flags.parse(args);
        Settings settings = new Settings(hostName);
        flags.configFile().ifPresent(file -> settings.apply(readYaml(file), file));
        flags.applyTo(settings);
        try {
            return settings.build();
        } catch (ConfigException e) {
            String source = flags.configFile().map(file -> file + " (with the command line): ").orElse("");
            throw new ConfigException(source + e.getMessage(), e);
        }
    }

    private static JsonNode readYaml(Path file) {
        try {
            JsonNode root = YAML.readTree(Files.readString(file));
            if (root == null || root.isMissingNode() || root.isNull()) {
                return YAML.createObjectNode();
            }
            if (!root.isObject()) {
                throw new ConfigException(file + ": expected a mapping of settings at the top level");
            }
            return root;
        } catch (JacksonException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e, e);
        }
    }

    /** The parsed command line. */
    private record Flags(Optional<Path> configFile, Optional<String> ciId, List<String> watch,
                         Optional<String> stateDir, Optional<String> redis, Optional<String> hostRoot,
                         boolean dryRun) {

        static Flags parse(List<String> args) {
            Optional<Path> config = Optional.empty();
            Optional<String> ciId = Optional.empty();
            Optional<String> stateDir = Optional.empty();
            Optional<String> redis = Optional.empty();
            Optional<String> hostRoot = Optional.empty();
            List<String> watch = new ArrayList<>();
            boolean dryRun = false;
            Iterator<String> it = args.iterator();
            while (it.hasNext()) {
                String flag = it.next();
                switch (flag) {
                    case "--config" -> config = Optional.of(path(value(flag, it), flag));
                    case "--ci-id" -> ciId = Optional.of(value(flag, it));
                    case "--watch" -> watch.add(value(flag, it));
                    case "--state-dir" -> stateDir = Optional.of(value(flag, it));
                    case "--redis" -> redis = Optional.of(value(flag, it));
                    case "--host-root" -> hostRoot = Optional.of(value(flag, it));
                    case "--dry-run" -> dryRun = true;
                    default -> throw new ConfigException("unknown option '" + flag + "'\n" + USAGE);
                }
            }
            return new Flags(config, ciId, List.copyOf(watch), stateDir, redis, hostRoot, dryRun);
        }

        private static String value(String flag, Iterator<String> it) {
            if (!it.hasNext()) {
                throw new ConfigException(flag + " needs a value\n" + USAGE);
            }
            return it.next();
        }

        void applyTo(Settings settings) {
            ciId.ifPresent(id -> settings.ciId = id);
            if (!watch.isEmpty()) {
                settings.watch = watch.stream()
                        .map(p -> fromCwd(p, "--watch"))
                        .map(p -> new WatchTarget(p, Files.isDirectory(p)))
                        .toList();
            }
            stateDir.ifPresent(dir -> settings.stateDir = fromCwd(dir, "--state-dir"));
            redis.ifPresent(uri -> settings.redisUri = uri(uri, "--redis"));
            hostRoot.ifPresent(dir -> settings.hostRoot = fromCwd(dir, "--host-root"));
            settings.dryRun |= dryRun;
        }
    }

    /** The values being assembled, starting from the defaults. */
    private static final class Settings {
        private String ciId;
        private List<WatchTarget> watch = AgentConfig.DEFAULT_WATCH;
        private Path stateDir = AgentConfig.DEFAULT_STATE_DIR;
        private List<String> sensitive = AgentConfig.DEFAULT_SENSITIVE;
        private List<String> ignore = AgentConfig.DEFAULT_IGNORE;
        private Duration coalesce = AgentConfig.DEFAULT_COALESCE;
        private long contentMaxBytes = AgentConfig.DEFAULT_CONTENT_MAX_BYTES;
        private URI redisUri = AgentConfig.DEFAULT_REDIS_URI;
        private Optional<Path> spoolDir = Optional.empty();
        private long spoolMaxBytes = AgentConfig.DEFAULT_SPOOL_MAX_BYTES;
        private Duration heartbeat = AgentConfig.DEFAULT_HEARTBEAT_INTERVAL;
        private boolean dryRun;
        private Optional<ProbeSettings> probes = Optional.of(ProbeSettings.defaults());
        private Path hostRoot = HostRoot.NODE.root();

        Settings(String hostName) {
            this.ciId = hostName;
        }

        void apply(JsonNode root, Path file) {
            for (Map.Entry<String, JsonNode> entry : root.properties()) {
                String where = file + ": " + entry.getKey();
                JsonNode value = entry.getValue();
                switch (entry.getKey()) {
                    case "ci-id" -> ciId = text(value, where);
                    case "watch" -> watch = watchList(value, where);
                    case "state-dir" -> stateDir = absolute(text(value, where), where);
                    case "sensitive" -> sensitive = strings(value, where);
                    case "ignore" -> ignore = strings(value, where);
                    case "coalesce-ms" -> coalesce = Duration.ofMillis(number(value, where));
                    case "content-max-bytes" -> contentMaxBytes = number(value, where);
                    case "redis-uri" -> redisUri = uri(text(value, where), where);
                    case "spool" -> spool(value, where);
                    case "heartbeat-seconds" -> heartbeat = Duration.ofSeconds(number(value, where));
                    case "dry-run" -> dryRun = bool(value, where);
                    case "probes" -> probes = probes(value, where);
                    case "host-root" -> hostRoot = absolute(text(value, where), where);
                    default -> throw new ConfigException(where + ": unknown setting");
                }
            }
        }

        private void spool(JsonNode value, String where) {
            if (!value.isObject()) {
                throw new ConfigException(where + ": expected a mapping with dir and max-bytes");
            }
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                String at = where + "." + entry.getKey();
                switch (entry.getKey()) {
                    case "dir" -> spoolDir = Optional.of(absolute(text(entry.getValue(), at), at));
                    case "max-bytes" -> spoolMaxBytes = number(entry.getValue(), at);
                    default -> throw new ConfigException(at + ": unknown setting");
                }
            }
        }

        AgentConfig build() {
            try {
                return new AgentConfig(ciId, watch, stateDir, PathPatterns.of(sensitive), PathPatterns.of(ignore),
                        coalesce, contentMaxBytes, redisUri, spoolDir.orElse(stateDir.resolve(AgentConfig.SPOOL_SUBDIR)),
                        spoolMaxBytes, heartbeat, dryRun, probes, new HostRoot(hostRoot));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage(), e);
            }
        }
    }

    /** The {@code probes} section: {@code enabled: false} turns them off; other keys override the defaults. */
    private static Optional<ProbeSettings> probes(JsonNode value, String where) {
        if (!value.isObject()) {
            throw new ConfigException(where + ": expected a mapping of probe settings");
        }
        ProbeSettings d = ProbeSettings.defaults();
        Duration interval = d.interval();
        Duration timeout = d.timeout();
        List<String> services = d.services();
        Duration maxClockOffset = d.maxClockOffset();
        Path backupDir = d.backupDirectory();
        Duration maxBackupAge = d.maxBackupAge();
        Duration maxSecurityUpdateAge = d.maxSecurityUpdateAge();
        List<String> encrypted = d.encryptedMountpoints();
        Map<String, Path> certificates = d.certificates();
        long minCertificateDays = d.minCertificateDays();
        boolean enabled = true;
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String at = where + "." + entry.getKey();
            JsonNode v = entry.getValue();
            switch (entry.getKey()) {
                case "enabled" -> enabled = bool(v, at);
                case "interval-seconds" -> interval = Duration.ofSeconds(number(v, at));
                case "timeout-seconds" -> timeout = Duration.ofSeconds(number(v, at));
                case "services" -> services = strings(v, at);
                case "max-clock-offset-ms" -> maxClockOffset = Duration.ofMillis(number(v, at));
                case "backup-dir" -> backupDir = v.isNull() ? null : absolute(text(v, at), at);
                case "max-backup-age-hours" -> maxBackupAge = Duration.ofHours(number(v, at));
                case "max-security-update-age-days" -> maxSecurityUpdateAge =
                        v.isNull() ? null : Duration.ofDays(number(v, at));
                case "encrypted-mountpoints" -> encrypted = strings(v, at);
                case "certificates" -> certificates = certificates(v, at);
                case "min-certificate-days" -> minCertificateDays = number(v, at);
                default -> throw new ConfigException(at + ": unknown setting");
            }
        }
        if (!enabled) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProbeSettings(interval, timeout, services, maxClockOffset, backupDir, maxBackupAge,
                    maxSecurityUpdateAge, encrypted, certificates, Math.toIntExact(minCertificateDays)));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ConfigException(where + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Path> certificates(JsonNode value, String where) {
        if (!value.isObject()) {
            throw new ConfigException(where + ": expected a mapping of label to certificate file");
        }
        Map<String, Path> certificates = new java.util.TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String at = where + "." + entry.getKey();
            certificates.put(entry.getKey(), absolute(text(entry.getValue(), at), at));
        }
        return certificates;
    }

    private static List<WatchTarget> watchList(JsonNode value, String where) {
        if (!value.isArray()) {
            throw new ConfigException(where + ": expected a list of paths or {path, recursive} entries");
        }
        List<WatchTarget> targets = new ArrayList<>();
        for (JsonNode item : value) {
            if (item.isTextual()) {
                targets.add(new WatchTarget(absolute(item.asText(), where), false));
            } else if (item.isObject() && item.path("path").isTextual()) {
                item.fieldNames().forEachRemaining(name -> {
                    if (!name.equals("path") && !name.equals("recursive")) {
                        throw new ConfigException(where + ": unknown member '" + name + "' of a watched path");
                    }
                });
                boolean recursive = item.has("recursive") && bool(item.get("recursive"), where + ".recursive");
                targets.add(new WatchTarget(absolute(item.get("path").asText(), where), recursive));
            } else {
                throw new ConfigException(where + ": each entry is a path or {path: ..., recursive: true|false}");
            }
        }
        return targets;
    }

    private static String text(JsonNode value, String where) {
        if (!value.isTextual() && !value.isNumber()) {
            throw new ConfigException(where + ": expected a string");
        }
        return value.asText();
    }

    private static long number(JsonNode value, String where) {
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new ConfigException(where + ": expected a whole number, got '" + value.asText() + "'");
        }
        return value.asLong();
    }

    private static boolean bool(JsonNode value, String where) {
        if (!value.isBoolean()) {
            throw new ConfigException(where + ": expected true or false, got '" + value.asText() + "'");
        }
        return value.asBoolean();
    }

    private static List<String> strings(JsonNode value, String where) {
        if (!value.isArray()) {
            throw new ConfigException(where + ": expected a list of patterns");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            out.add(text(item, where));
        }
        return out;
    }

    private static Path absolute(String text, String where) {
        Path path = path(text, where);
        if (!path.isAbsolute()) {
            throw new ConfigException(where + ": path must be absolute: " + text);
        }
        return path.normalize();
    }

    /** Command-line paths may be relative to the working directory, as usual for a shell. */
    private static Path fromCwd(String text, String where) {
        return path(text, where).toAbsolutePath().normalize();
    }

    private static Path path(String text, String where) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new ConfigException(where + ": invalid path '" + text + "'", e);
        }
    }

    private static URI uri(String text, String where) {
        try {
            URI uri = URI.create(text);
            if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
                throw new ConfigException(where + ": expected a redis:// or rediss:// URI, got '" + text + "'");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": invalid URI '" + text + "'", e);
        }
    }
}
