package dev.drift.service.ingest;

import java.util.Map;

/** A raw entry read from a stream. */
record StreamEntry(String stream, String id, Map<String, String> fields) {
    StreamEntry {
        fields = Map.copyOf(fields);
    }

    /** {@code stream/id}, the source recorded with observations. */
    String source() {
        return stream + "/" + id;
    }
}
