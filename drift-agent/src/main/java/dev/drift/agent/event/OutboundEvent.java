package dev.drift.agent.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One event the agent sends to the service: a Redis stream entry {@code payload=<json> ci_id=<ci>}.
 * The producer builds the payload without {@code seq} and {@code agent}; the {@link EventSink}
 * stamps them when it accepts the event.
 *
 * @param stream  target stream, e.g. {@code drift.file_changed}, {@code agent.heartbeat}
 * @param ciId    the node's CI id (also written as the entry field {@code ci_id})
 * @param payload the event body; must follow the stream's schema in {@code openapi/events/}
 */
public record OutboundEvent(String stream, String ciId, ObjectNode payload) {
    public OutboundEvent {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(ciId, "ciId");
        Objects.requireNonNull(payload, "payload");
    }
}
