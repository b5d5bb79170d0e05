package dev.drift.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.agent.event.EventSink;
import dev.drift.agent.event.OutboundEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An in-memory sink that stamps {@code seq} and {@code agent} as the real ones do. */
public final class RecordingSink implements EventSink {
    private final List<OutboundEvent> events = new ArrayList<>();

    @Override
    public synchronized void publish(OutboundEvent event) {
        ObjectNode payload = event.payload().deepCopy().put("seq", events.size()).put("agent", "drift-agent/test");
        events.add(new OutboundEvent(event.stream(), event.ciId(), payload));
    }

    public synchronized List<OutboundEvent> events() {
        return List.copyOf(events);
    }

    public List<ObjectNode> payloads() {
        return events().stream().map(OutboundEvent::payload).toList();
    }

    /** The payloads about one path, in order. */
    public List<ObjectNode> about(Path path) {
        return payloads().stream().filter(p -> p.path("path").asText().equals(path.toString())).toList();
    }

    /** The change kinds reported for one path, in order. */
    public List<String> changesOf(Path path) {
        return about(path).stream().map(p -> p.path("change").asText()).toList();
    }

    public synchronized void clear() {
        events.clear();
    }

    @Override
    public long pending() {
        return 0;
    }

    @Override
    public void close() {
    }
}
