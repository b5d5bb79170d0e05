package dev.drift.agent;

import dev.drift.agent.config.AgentConfig;
import dev.drift.agent.config.ConfigException;
import dev.drift.agent.config.ConfigLoader;
import dev.drift.agent.event.EventSink;
import dev.drift.agent.probe.ProbeRunner;
import dev.drift.agent.probe.ProbeSchedule;
import dev.drift.agent.probe.ProbeSettings;
import dev.drift.agent.probe.Probes;
import dev.drift.agent.probe.SystemCommands;
import dev.drift.agent.publish.Heartbeat;
import dev.drift.agent.publish.PublishSettings;
import dev.drift.agent.publish.RedisSink;
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
 * {@link Agent} on the sink from {@link #sinks}, the heartbeat and the compliance probes, and runs
 * until SIGTERM or SIGINT, on which it stops probing and watching, hands over pending changes and
 * closes the sink (whatever Redis has not taken stays in the spool for the next start).
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
        Clock clock = Clock.systemUTC();
        EventSink sink = sinks(config);
        Agent agent = Agent.start(config, sink, clock);
        Heartbeat heartbeat = new Heartbeat(sink, config.ciId(), agent::watchedPathCount, config.heartbeatInterval(),
                clock, new AliveFile(config.stateDir(), clock));
        heartbeat.start();
        Optional<ProbeSchedule> probes = config.probes().map(settings -> probes(config, settings, sink, clock));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            probes.ifPresent(ProbeSchedule::close);
            heartbeat.close();
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

    private static ProbeSchedule probes(AgentConfig config, ProbeSettings settings, EventSink sink, Clock clock) {
        ProbeRunner runner = new ProbeRunner(Probes.from(settings, new SystemCommands(), config.stateDir(), clock),
                settings.timeout(), clock);
        ProbeSchedule schedule = new ProbeSchedule(runner, sink, config.ciId(), settings.interval());
        schedule.start();
        return schedule;
    }

    /**
     * The sink events go to: Redis, with the on-disk spool while it is unreachable (in the spool
     * directory), or JSON lines on stdout with {@code --dry-run}.
     */
    static EventSink sinks(AgentConfig config) {
        if (config.dryRun()) {
            return new JsonLinesSink(System.out, agentName());
        }
        return new RedisSink(PublishSettings.defaults(config.redisUri().toString(), config.spoolDir(), agentName())
                .withSpoolBound(config.spoolMaxBytes(), PublishSettings.DEFAULT_SPOOL_MAX_RECORDS));
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
