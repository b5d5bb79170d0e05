package dev.drift.service.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drift.service.model.FieldPath;

/**
 * Maps {@code network.changed}. The event lists every interface of the CI, so it covers
 * {@code interface[}: an interface or attribute it leaves out is known to be absent.
 */
final class NetworkEventMapper implements EventMapper {
    static final String INTERFACES = "interface[";

    @Override
    public Mapping map(JsonNode payload) {
        MappingBuilder mapping = new MappingBuilder();
        for (JsonNode nic : payload.path("interfaces")) {
            mapInterface(nic, mapping);
        }
        return mapping.covers(INTERFACES).build();
    }

    private static void mapInterface(JsonNode nic, MappingBuilder mapping) {
        FieldPath path = FieldPath.keyed("interface", nic.get("name").asText());
        JsonNode network = nic.hasNonNull("network") ? nic.get("network") : nic.get("vlan");
        mapping.text(path.child("network"), network)
                .text(path.child("mac"), nic.get("mac"))
                .items(path.child("ip_addresses"), nic.get("ip_addresses"))
                .text(path.child("state"), nic.get("state"))
                .number(path.child("mtu"), nic.get("mtu"));
    }
}
