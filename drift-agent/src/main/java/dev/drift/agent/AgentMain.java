package dev.drift.agent;

import dev.drift.agent.config.AgentConfig;
import dev.drift.agent.config.ConfigException;
import dev.drift.agent.config.ConfigLoader;
import dev.drift.agent.event.EventSink;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * drift-agent entry point: reads the configuration (exit status 2 when it is invalid), starts the
 * {@link Agent} on the sink from {@link #sinks}, and runs until SIGTERM or SIGINT, on which it
 * stops watching, hands over pending changes and closes the sink.
 */
public final class AgentMain {
    static final int EXIT_CONFIG = 2;
    private static final Logger LOG = Logger.getLogger(AgentMain.class.getName());
    private static final String LOG_FORMAT = "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n";

    private AgentMain() {
    }

    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", LOG_FORMAT);
        }
        try {
            configure(List.of(args), System.out, System.err).ifPresent(AgentMain::run);
        } catch (ConfigException e) {
            System.exit(EXIT_CONFIG);
        }
    }

    /**
     * @return the configuration; empty after {@code --help}, which prints the usage
     * @throws ConfigException after printing its message to {@code err}
     */
    static Optional<AgentConfig> configure(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(ConfigLoader.USAGE);
            return Optional.empty();
        }
        try {
            return Optional.of(ConfigLoader.load(args, hostName()));
        } catch (ConfigException e) {
            err.println("drift-agent: invalid configuration: " + e.getMessage());
            throw e;
        }
    }

    private static void run(AgentConfig config) {
        EventSink sink = sinks(config);
        Agent agent = Agent.start(config, sink, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            agent.close();
            sink.close();
            stopped.countDown();
        }, "drift-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The sink events go to. The Redis publisher ({@code dev.drift.agent.publish}) replaces the
     * stdout sink here when it is wired in; until then every run writes JSON lines to stdout.
     */
    static EventSink sinks(AgentConfig config) {
        if (!config.dryRun()) {
            LOG.warning("this build has no Redis publisher yet: writing events to stdout as with --dry-run");
        }
        return new JsonLinesSink(System.out, agentName());
    }

    static String agentName() {
        String version = AgentMain.class.getPackage().getImplementationVersion();
        return "drift-agent/" + (version == null ? "dev" : version);
    }

    /** The kernel's host name (no DNS lookup, which could hang a starting node), else Java's. */
    private static String hostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException e) {
            LOG.fine("no /proc/sys/kernel/hostname; asking the resolver");
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
