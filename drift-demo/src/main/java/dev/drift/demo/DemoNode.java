package dev.drift.demo;

import dev.drift.agent.Agent;
import dev.drift.agent.config.AgentConfig;
import dev.drift.agent.config.HostRoot;
import dev.drift.agent.config.PathPatterns;
import dev.drift.agent.config.WatchTarget;
import dev.drift.agent.publish.PublishSettings;
import dev.drift.agent.publish.RedisSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A demo node: a temporary directory standing in for web-01's root file system with a few
 * {@code /etc} files, watched by a real drift-agent publishing to the demo's Redis. Changes are made
 * to the files the way {@code sed -i} makes them, and the agent reports them as it would on a node.
 */
final class DemoNode implements AutoCloseable {
    static final String CI = "web-01";
    private static final String SSHD = "etc/ssh/sshd_config";

    private final Path root;
    private final RedisSink sink;
    private final Agent agent;

    private DemoNode(Path root, RedisSink sink, Agent agent) {
        this.root = root;
        this.sink = sink;
        this.agent = agent;
    }

    /** Writes the node's files, then starts the agent; its startup scan reports them before this returns. */
    static DemoNode start(String redisUri) {
        try {
            Path root = Files.createTempDirectory("drift-demo-node-");
            write(root.resolve(SSHD), "PermitRootLogin no\nPasswordAuthentication no\nPort 22\n");
            write(root.resolve("etc/hosts"), "127.0.0.1 localhost\n10.0.10.11 web-01\n");
            Path state = root.resolve("var/lib/drift-agent");
            RedisSink sink = new RedisSink(PublishSettings.defaults(redisUri, state.resolve("spool"), "drift-agent/demo"));
            AgentConfig d = AgentConfig.defaults(CI);
            AgentConfig config = new AgentConfig(CI, List.of(WatchTarget.file("/etc/ssh/sshd_config"),
                    WatchTarget.file("/etc/hosts")), state, PathPatterns.of(AgentConfig.DEFAULT_SENSITIVE), d.ignore(),
                    Duration.ofMillis(20), d.contentMaxBytes(), d.redisUri(), state.resolve("spool"), d.spoolMaxBytes(),
                    d.heartbeatInterval(), false, Optional.empty(), new HostRoot(root));
            return new DemoNode(root, sink, Agent.start(config, sink, Clock.systemUTC()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    /** Sets an sshd_config keyword the way {@code sed -i} does: a new file renamed over the old one. */
    void setSshd(String keyword, String value) {
        try {
            Path file = root.resolve(SSHD);
            String text = Files.readString(file).replaceAll("(?m)^" + keyword + " .*$", keyword + " " + value);
            Path temp = Files.writeString(file.resolveSibling("sedXYZ123"), text);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        agent.close();
        sink.close();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("drift demo: could not remove " + root + ": " + e.getMessage());
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
