package dev.drift.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.model.FieldObservation;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import org.junit.jupiter.api.Test;

class PowerEventMapperTest {

    @Test
    void stateIsKeptAsTheHypervisorNamesIt() throws Exception {
        var payload = new ObjectMapper().readTree(EventDecoderTest.example("vm.power_changed.libvirt.json"));

        EventMapper.Mapping mapping = new PowerEventMapper().map(payload);

        assertThat(mapping.observations()).containsExactly(
                FieldObservation.value(FieldPath.of("power_state"), FieldValue.text("shut off")));
        assertThat(mapping.coverage()).isEmpty();
    }
}
