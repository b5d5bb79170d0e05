package dev.drift.service.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drift.service.model.FieldPath;

/**
 * Maps {@code vm.power_changed}. The state is kept exactly as the hypervisor names it
 * ({@code poweredOff}, {@code running}, ...): making vocabularies comparable is the diff's job.
 */
final class PowerEventMapper implements EventMapper {
    static final FieldPath POWER_STATE = FieldPath.of("power_state");

    @Override
    public Mapping map(JsonNode payload) {
        return new MappingBuilder().text(POWER_STATE, payload.get("power_state")).build();
    }
}
