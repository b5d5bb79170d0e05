package dev.drift.service.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.model.CiKey;
import dev.drift.service.model.StreamEvent;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes Redis stream entries of the inbound event streams into {@link StreamEvent}s.
 *
 * <p>An entry is a map of string fields; the event is JSON in its {@code payload} field, validated
 * against {@code drift/events/<stream>.schema.json}. The CI comes from the {@code ci_id} entry
 * field or the payload's {@code ci_id} (they must agree when both are present). The observation
 * time is the payload's {@code observed_at} (RFC 3339 with offset) or, without one, the time in the
 * entry id. See {@code openapi/events/README.md} for the mapping to field paths.
 *
 * <p>A payload larger than {@code drift.ingest.max-payload-size} (UTF-8 bytes) is invalid and is not
 * parsed. Payloads nested deeper than Jackson's limit (1,000) are not JSON to this decoder.
 *
 * <p>Thread-safe: schemas are compiled once at construction and decoding keeps no state. Bad input
 * never throws: every failure is {@link Decoded.Invalid} with a specific reason.
 */
@Singleton
public final class EventDecoder {
    static final String PAYLOAD = "payload";
    static final String CI_ID = "ci_id";
    private static final Map<String, EventMapper> MAPPERS = Map.of(
            "vm.power_changed", new PowerEventMapper(),
            "drift.file_changed", new FileEventMapper(),
            "network.changed", new NetworkEventMapper(),
            "ansible.facts_collected", new FactsEventMapper(),
            "compliance.check_result", new ProbeEventMapper(),
            "agent.heartbeat", new HeartbeatEventMapper());

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final EventSchemas schemas = EventSchemas.load(MAPPERS.keySet());
    private final long maxPayloadSize;

    /** A decoder with the default payload size limit. */
    public EventDecoder() {
        this(IngestProperties.DEFAULT_MAX_PAYLOAD_SIZE);
    }

    @Inject
    EventDecoder(IngestProperties properties) {
        this(properties.maxPayloadSize());
    }

    private EventDecoder(long maxPayloadSize) {
        this.maxPayloadSize = maxPayloadSize;
    }

    /** The inbound streams this decoder understands. */
    public Set<String> streams() {
        return MAPPERS.keySet();
    }

    /**
     * Decodes one entry.
     *
     * @param stream  the stream the entry was read from, which is the event type
     * @param entryId the entry id ({@code <millis>-<seq>}), the fallback observation time
     * @param fields  the entry's fields
     * @return the event, or why the entry cannot be used; never null
     */
    public Decoded decode(String stream, String entryId, Map<String, String> fields) {
        try {
            return decodeChecked(stream, entryId, fields);
        } catch (InvalidEntry e) {
            return new Decoded.Invalid(e.getMessage());
        } catch (RuntimeException e) {
            // A defect in a mapper must cost one dead letter, not the consumer loop.
            return new Decoded.Invalid("cannot decode " + stream + " entry: " + e);
        }
    }

    /** Decodes an entry read from Redis; one whose field values are not all UTF-8 is invalid. */
    Decoded decode(StreamEntry entry) {
        if (!entry.notUtf8().isEmpty()) {
            return new Decoded.Invalid("entry field is not UTF-8 (" + String.join("; ", entry.notUtf8()) + ")");
        }
        return decode(entry.stream(), entry.id(), entry.fields());
    }

    private Decoded decodeChecked(String stream, String entryId, Map<String, String> fields) {
        EventMapper mapper = stream == null ? null : MAPPERS.get(stream);
        if (mapper == null) {
            throw new InvalidEntry("unknown stream " + stream);
        }
        if (fields == null || fields.get(PAYLOAD) == null) {
            throw new InvalidEntry("entry has no payload field");
        }
        // A char is at most 3 bytes in UTF-8, so most payloads need no count.
        if (3L * fields.get(PAYLOAD).length() > maxPayloadSize) {
            long size = utf8Length(fields.get(PAYLOAD));
            if (size > maxPayloadSize) {
                throw new InvalidEntry("payload is " + size + " bytes, more than drift.ingest.max-payload-size ("
                        + maxPayloadSize + " bytes)");
            }
        }
        JsonNode payload = parse(fields.get(PAYLOAD));
        List<String> problems = schemas.problems(stream, payload);
        if (!problems.isEmpty()) {
            throw new InvalidEntry("payload does not match " + stream + " schema: " + String.join("; ", problems));
        }
        CiKey ci = ciKey(fields.get(CI_ID), payload.get(CI_ID));
        Instant observedAt = observedAt(payload.get("observed_at"), entryId);
        EventMapper.Mapping mapping = mapper.map(payload);
        return new Decoded.Valid(new StreamEvent(ci, stream, observedAt, mapping.observations(), mapping.coverage(),
                agentSeq(payload.get("seq"))));
    }

    /** The agent's {@code seq} when it is a whole number (the schemas say so where they list it). */
    private static Long agentSeq(JsonNode seq) {
        return seq != null && seq.canConvertToExactIntegral() && seq.canConvertToLong() ? seq.longValue() : null;
    }

    private JsonNode parse(String payload) {
        JsonNode node;
        try {
            node = json.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new InvalidEntry("payload is not JSON: " + e.getOriginalMessage() + at(e.getLocation()));
        }
        if (node == null || !node.isObject()) {
            throw new InvalidEntry("payload is not a JSON object");
        }
        return node;
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + " column " + location.getColumnNr();
    }

    private static CiKey ciKey(String entryField, JsonNode payloadField) {
        String inPayload = payloadField == null || payloadField.isNull() ? null : payloadField.asText();
        if (entryField != null && inPayload != null && !entryField.equals(inPayload)) {
            throw new InvalidEntry("ci_id differs between entry field ('" + entryField + "') and payload ('"
                    + inPayload + "')");
        }
        String id = entryField != null ? entryField : inPayload;
        if (id == null) {
            throw new InvalidEntry("no ci_id in entry fields or payload");
        }
        try {
            return CiKey.of(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidEntry("invalid ci_id: " + e.getMessage());
        }
    }

    private static Instant observedAt(JsonNode observedAt, String entryId) {
        if (observedAt != null && !observedAt.isNull()) {
            try {
                return OffsetDateTime.parse(observedAt.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidEntry(
                        "observed_at is not an RFC 3339 time with offset: '" + observedAt.asText() + "'");
            }
        }
        return entryTime(entryId);
    }

    /** Redis stream ids are {@code <milliseconds since epoch>-<sequence>}. */
    private static Instant entryTime(String entryId) {
        int dash = entryId == null ? -1 : entryId.indexOf('-');
        try {
            String millis = dash < 0 ? String.valueOf(entryId) : entryId.substring(0, dash);
            return Instant.ofEpochMilli(Long.parseLong(millis));
        } catch (NumberFormatException e) {
            throw new InvalidEntry("no observed_at in payload and entry id '" + entryId + "' is not a stream id");
        }
    }

    /** The length of the text in UTF-8, counted without encoding it. */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Why an entry is invalid; caught in {@link #decode} so it never escapes. */
    private static final class InvalidEntry extends RuntimeException {
        InvalidEntry(String reason) {
            super(reason, null, false, false);
        }
    }
}
