package dev.drift.agent.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import dev.drift.agent.probe.ProbeSettings;

/**
 * The agent's whole configuration, immutable and validated when built. The defaults and every
 * member are documented in {@code deploy/agent/drift-agent.yml}; {@link ConfigLoader} reads that
 * file and the command-line overrides.
 *
 * @param ciId              the node's CI id in every event (default: the host name)
 * @param watch             the files and directories to watch
 * @param stateDir          where the baseline lives (and, by default, the spool)
 * @param sensitive         files compared by hash only: no content, diff or settings leave the node
 * @param ignore            editor and package-manager temporaries that are never reported
 * @param coalesce          quiet time after the last inotify event of a path before it is read;
 *                          a burst of events for one path within it gives one change
 * @param contentMaxBytes   largest text file whose content is kept for diffs and settings
 * @param redisUri          where events are published (read by the publisher)
 * @param spoolDir          on-disk spool while Redis is unreachable (read by the publisher)
 * @param spoolMaxBytes     the spool's bound (read by the publisher)
 * @param heartbeatInterval how often {@code agent.heartbeat} is sent (read by the publisher)
 * @param dryRun            write events as JSON lines to stdout instead of publishing them
 * @param probes            the compliance probes and their bounds; empty when probes are off
 * @param hostRoot          where the node's root is mounted ({@code /host} in a container); the
 *                          watched paths and the paths in events are the node's
 */
public record AgentConfig(
        String ciId,
        List<WatchTarget> watch,
        Path stateDir,
        PathPatterns sensitive,
        PathPatterns ignore,
        Duration coalesce,
        long contentMaxBytes,
        URI redisUri,
        Path spoolDir,
        long spoolMaxBytes,
        Duration heartbeatInterval,
        boolean dryRun,
        Optional<ProbeSettings> probes,
        HostRoot hostRoot) {

    public static final List<WatchTarget> DEFAULT_WATCH = List.of(
            WatchTarget.file("/etc/ssh/sshd_config"),
            WatchTarget.file("/etc/hosts"),
            WatchTarget.file("/etc/resolv.conf"),
            WatchTarget.file("/etc/sysctl.conf"),
            WatchTarget.file("/etc/sudoers"),
            WatchTarget.tree("/etc/sudoers.d"),
            WatchTarget.file("/etc/passwd"),
            WatchTarget.file("/etc/group"),
            WatchTarget.file("/etc/shadow"));
    public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/drift-agent");
    /** Files whose content is secret by name; any file containing "PRIVATE KEY" is secret too. */
    public static final List<String> DEFAULT_SENSITIVE = List.of(
            "/etc/shadow", "/etc/shadow-", "/etc/gshadow", "/etc/gshadow-", "/etc/security/opasswd",
            "*.key", "ssh_host_*_key", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk",
            "*.p12", "*.pfx", "*.jks", "*.keystore");
    /** Vim swap, backup and its 4913 write probe; Emacs locks; dpkg's new and old copies. */
    public static final List<String> DEFAULT_IGNORE = List.of(
            "*.swp", "*.swx", "*~", ".#*", "4913", "*.dpkg-new", "*.dpkg-old", "*.dpkg-tmp", "*.dpkg-dist");
    public static final Duration DEFAULT_COALESCE = Duration.ofMillis(2);
    public static final long DEFAULT_CONTENT_MAX_BYTES = 1024 * 1024;
    public static final URI DEFAULT_REDIS_URI = URI.create("redis://localhost:6379");
    public static final String SPOOL_SUBDIR = "spool";
    public static final long DEFAULT_SPOOL_MAX_BYTES = 256L * 1024 * 1024;
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(30);

    public AgentConfig {
        Objects.requireNonNull(ciId, "ciId");
        if (ciId.isEmpty() || ciId.length() > 255 || !ciId.matches("\\S+")) {
            throw new ConfigException("ci-id must be 1-255 characters without spaces: '" + ciId + "'");
        }
        Objects.requireNonNull(probes, "probes");
        Objects.requireNonNull(hostRoot, "hostRoot");
        watch = List.copyOf(watch);
        if (watch.isEmpty()) {
            throw new ConfigException("watch: at least one path is needed");
        }
        for (WatchTarget target : watch) {
            if (target.path().toString().contains("[") || target.path().toString().contains("]")) {
                throw new ConfigException("watch: square brackets are not allowed in paths: " + target.path());
            }
        }
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(sensitive, "sensitive");
        Objects.requireNonNull(ignore, "ignore");
        requirePositive(coalesce, "coalesce-ms");
        if (contentMaxBytes < 0) {
            throw new ConfigException("content-max-bytes must not be negative: " + contentMaxBytes);
        }
        Objects.requireNonNull(redisUri, "redisUri");
        Objects.requireNonNull(spoolDir, "spoolDir");
        if (spoolMaxBytes <= 0) {
            throw new ConfigException("spool.max-bytes must be positive: " + spoolMaxBytes);
        }
        requirePositive(heartbeatInterval, "heartbeat-seconds");
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new ConfigException(name + " must be positive: " + duration.toMillis() + " ms");
        }
    }

    /** The defaults of every member, for a node with the given host name. */
    public static AgentConfig defaults(String hostName) {
        return new AgentConfig(hostName, DEFAULT_WATCH, DEFAULT_STATE_DIR,
                PathPatterns.of(DEFAULT_SENSITIVE), PathPatterns.of(DEFAULT_IGNORE), DEFAULT_COALESCE,
                DEFAULT_CONTENT_MAX_BYTES, DEFAULT_REDIS_URI, DEFAULT_STATE_DIR.resolve(SPOOL_SUBDIR),
                DEFAULT_SPOOL_MAX_BYTES, DEFAULT_HEARTBEAT_INTERVAL, false, Optional.of(ProbeSettings.defaults()),
                HostRoot.NODE);
    }
}
