package dev.drift.service.ingest;

import static dev.drift.service.ingest.Mappings.byPath;
import static dev.drift.service.ingest.Mappings.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.model.Coverage;
import dev.drift.service.model.FieldValue;
import dev.drift.service.model.Observed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkEventMapperTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final NetworkEventMapper mapper = new NetworkEventMapper();

    private EventMapper.Mapping map(String payload) throws Exception {
        return mapper.map(JSON.readTree(payload));
    }

    @Test
    void everyInterfaceAttributeMapsToItsField() throws Exception {
        Map<String, Observed> fields = byPath(map(EventDecoderTest.example("network.changed.host-01.json")));

        assertThat(fields).containsEntry("interface[eth0].network", value(FieldValue.text("prod-web")))
                .containsEntry("interface[eth0].mac", value(FieldValue.text("00:50:56:8a:1c:2e")))
                .containsEntry("interface[eth0].ip_addresses",
                        value(new FieldValue.Items(List.of("10.20.0.15/24", "2001:db8:20::15/64"))))
                .containsEntry("interface[eth0].state", value(FieldValue.text("up")))
                .containsEntry("interface[eth0].mtu", value(FieldValue.Number.of(1500)));
        assertThat(fields).hasSize(10);
    }

    @Test
    void vlanStandsInForAMissingNetwork() throws Exception {
        Map<String, Observed> fields = byPath(map(EventDecoderTest.example("network.changed.host-01.json")));

        assertThat(fields).containsEntry("interface[eth1].network", value(FieldValue.text("310")))
                .containsEntry("interface[eth1].ip_addresses", value(new FieldValue.Items(List.of())));
    }

    @Test
    void theCompleteListCoversInterfacesEvenWhenEmpty() throws Exception {
        EventMapper.Mapping mapping = map("{\"interfaces\":[]}");

        assertThat(mapping.observations()).isEmpty();
        assertThat(mapping.coverage()).containsExactly(new Coverage("interface["));
    }
}
