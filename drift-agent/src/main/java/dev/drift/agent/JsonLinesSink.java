package dev.drift.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.agent.event.EventSink;
import dev.drift.agent.event.OutboundEvent;
import java.io.PrintStream;
import java.util.Objects;

/**
 * Writes each event as one JSON line {@code {"stream", "ci_id", "payload"}} to a stream, with
 * {@code seq} and {@code agent} stamped as a publishing sink would (the sequence starts at 0 on
 * every run). For {@code --dry-run} and for trying the agent without Redis.
 */
final class JsonLinesSink implements EventSink {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final String agent;
    private long seq;

    JsonLinesSink(PrintStream out, String agent) {
        this.out = Objects.requireNonNull(out, "out");
        this.agent = Objects.requireNonNull(agent, "agent");
    }

    @Override
    public synchronized void publish(OutboundEvent event) {
        ObjectNode payload = event.payload().deepCopy().put("seq", seq++).put("agent", agent);
        ObjectNode line = JSON.createObjectNode().put("stream", event.stream()).put("ci_id", event.ciId());
        line.set("payload", payload);
        out.println(line);
        out.flush();
    }

    @Override
    public long pending() {
        return 0;
    }

    @Override
    public void close() {
        out.flush();
    }
}
