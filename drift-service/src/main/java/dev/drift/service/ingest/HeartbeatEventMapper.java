package dev.drift.service.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drift.service.model.FieldPath;

/**
 * Maps {@code agent.heartbeat}: {@code agent.version}, {@code agent.watched_paths} and
 * {@code agent.spool_depth}. Its real use is its time: a heartbeat is the agent's newest fact, so a
 * machine whose agent is alive is never taken for silent by the compliance sweep, however quiet its
 * files are.
 */
final class HeartbeatEventMapper implements EventMapper {
    private static final FieldPath AGENT = FieldPath.of("agent");

    @Override
    public Mapping map(JsonNode payload) {
        return new MappingBuilder()
                .text(AGENT.child("version"), payload.get("agent"))
                .number(AGENT.child("watched_paths"), payload.get("watched_paths"))
                .number(AGENT.child("spool_depth"), payload.get("spool_depth"))
                .build();
    }
}
