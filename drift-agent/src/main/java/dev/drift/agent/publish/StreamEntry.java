package dev.drift.agent.publish;

import java.util.Objects;

/**
 * One stream entry as it goes to Redis, already stamped: {@code XADD <stream> * payload <payload>
 * ci_id <ciId>}. Spooled and replayed byte for byte, so a replay carries the original seq and
 * observed_at.
 *
 * @param seq     the agent sequence number inside the payload, kept apart for log lines
 * @param payload the JSON text of the payload
 */
record StreamEntry(String stream, String ciId, long seq, String payload) {
    StreamEntry {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(ciId, "ciId");
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public String toString() {
        return stream + " seq " + seq;
    }
}
