package dev.drift.demo.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time used by the processes of one benchmark, read from Linux's {@code /proc}: this JVM (the
 * service and the load generator), the PostgreSQL server (the process listening on the database's
 * port and its children: one backend per connection) and the Redis server. Tells where the two
 * cores go while a load is offered. Empty readings where {@code /proc} cannot say (another OS, a
 * server on another machine, a process of another user).
 */
final class ServerCpu {
    private static final double TICKS_PER_SECOND = 100.0;
    private static final Pattern JDBC_PORT = Pattern.compile("//(?:localhost|127\\.0\\.0\\.1)(?::(\\d+))?/");

    private final OptionalLong postgresPid;
    private final OptionalLong redisPid;

    private ServerCpu(OptionalLong postgresPid, OptionalLong redisPid) {
        this.postgresPid = postgresPid;
        this.redisPid = redisPid;
    }

    /** Finds the servers of the given JDBC URL and Redis URI when they listen on this machine. */
    static ServerCpu of(String jdbcUrl, String redisUri) {
        Matcher m = JDBC_PORT.matcher(jdbcUrl);
        OptionalLong postgres = m.find() ? listener(m.group(1) == null ? 5432 : Integer.parseInt(m.group(1)))
                : OptionalLong.empty();
        URI redis = URI.create(redisUri);
        boolean local = "localhost".equals(redis.getHost()) || "127.0.0.1".equals(redis.getHost());
        return new ServerCpu(postgres, local ? listener(redis.getPort() < 0 ? 6379 : redis.getPort())
                : OptionalLong.empty());
    }

    /** CPU seconds used so far, per process group. */
    record Reading(long nanos, double jvm, Optional<Double> postgres, Optional<Double> redis) {
    }

    Reading read() {
        return new Reading(System.nanoTime(), seconds(ProcessHandle.current().pid()).orElse(0.0),
                postgres(), redisPid.isPresent() ? seconds(redisPid.getAsLong()) : Optional.empty());
    }

    /** Cores used between two readings, as {@code jvm 0.85, PostgreSQL 0.70, Redis 0.15 cores}. */
    static String cores(Reading from, Reading to) {
        double wall = (to.nanos() - from.nanos()) / 1e9;
        StringBuilder s = new StringBuilder(String.format("JVM %.2f", (to.jvm() - from.jvm()) / wall));
        from.postgres().flatMap(a -> to.postgres().map(b -> (b - a) / wall))
                .ifPresent(c -> s.append(String.format(", PostgreSQL %.2f", c)));
        from.redis().flatMap(a -> to.redis().map(b -> (b - a) / wall))
                .ifPresent(c -> s.append(String.format(", Redis %.2f", c)));
        return s.append(" cores").toString();
    }

    private Optional<Double> postgres() {
        if (postgresPid.isEmpty()) {
            return Optional.empty();
        }
        long postmaster = postgresPid.getAsLong();
        return seconds(postmaster).map(own -> own + children(postmaster).stream()
                .mapToDouble(child -> seconds(child).orElse(0.0)).sum());
    }

    /** utime + stime of the process, in seconds. */
    private static Optional<Double> seconds(long pid) {
        return stat(pid).map(f -> (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND);
    }

    /** The fields of {@code /proc/<pid>/stat} after the command name: state is [0], ppid [1], utime [11]. */
    private static Optional<String[]> stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Optional.of(line.substring(line.lastIndexOf(')') + 2).split(" "));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<Long> children(long parent) {
        List<Long> children = new ArrayList<>();
        for (long pid : pids()) {
            stat(pid).filter(f -> Long.parseLong(f[1]) == parent).ifPresent(f -> children.add(pid));
        }
        return children;
    }

    /** The process that holds the socket listening on the TCP port. */
    private static OptionalLong listener(int port) {
        OptionalLong inode = listeningInode(port);
        if (inode.isEmpty()) {
            return OptionalLong.empty();
        }
        String socket = "socket:[" + inode.getAsLong() + "]";
        for (long pid : pids()) {
            try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                if (fds.anyMatch(fd -> socket.equals(link(fd)))) {
                    return OptionalLong.of(pid);
                }
            } catch (IOException | RuntimeException e) {
                // Gone, or not ours to read.
            }
        }
        return OptionalLong.empty();
    }

    private static OptionalLong listeningInode(int port) {
        String hexPort = String.format(":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[1].endsWith(hexPort) && "0A".equals(f[3])) {
                        return OptionalLong.of(Long.parseLong(f[9]));
                    }
                }
            } catch (IOException | RuntimeException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    private static String link(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static List<Long> pids() {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
