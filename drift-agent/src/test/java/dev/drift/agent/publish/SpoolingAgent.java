package dev.drift.agent.publish;

import java.nio.file.Path;

/**
 * An agent process for {@link KilledAgentIT}: publishes file changes to a Redis that is down, so
 * they are spooled, and prints {@code spooled <n>} each time a publish has returned, until killed.
 *
 * <p>Arguments: the state directory, the (dead) Redis port.
 */
public final class SpoolingAgent {
    private SpoolingAgent() {
    }

    public static void main(String[] args) {
        RedisSink sink = new RedisSink(Events.settings(Integer.parseInt(args[1]), Path.of(args[0])));
        for (int n = 1; ; n++) {
            sink.publish(Events.fileChanged(n));
            System.out.println("spooled " + n);
            System.out.flush();
        }
    }
}
