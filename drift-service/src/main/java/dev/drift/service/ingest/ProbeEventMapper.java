package dev.drift.service.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import java.util.Map;

/**
 * Maps {@code compliance.check_result}, one probe the drift agent ran: {@code status} to
 * {@code probe[<check>].status} and each measurement to {@code probe[<check>].<name>}, which packs
 * compare ({@code probe[backup].age_hours at_most 26}). A measurement the probe could not take
 * (null), and every measurement of a probe that errored, is unknown with the probe's details:
 * a probe that could not run never passes.
 */
final class ProbeEventMapper implements EventMapper {

    @Override
    public Mapping map(JsonNode payload) {
        FieldPath probe = FieldPath.keyed("probe", payload.get("check").asText());
        String status = payload.get("status").asText();
        MappingBuilder mapping = new MappingBuilder().value(probe.child("status"), FieldValue.text(status));
        String reason = "probe " + status + ": " + payload.path("details").asText("no details");
        for (Map.Entry<String, JsonNode> m : payload.path("measurements").properties()) {
            FieldPath path = probe.child(m.getKey());
            JsonNode value = m.getValue();
            if ("error".equals(status) || value.isNull()) {
                mapping.unknown(path, reason);
            } else if (value.isNumber()) {
                mapping.number(path, value);
            } else {
                mapping.text(path, value);
            }
        }
        return mapping.build();
    }
}
