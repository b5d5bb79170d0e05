package dev.drift.service.desired.netbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drift.service.desired.netbox.NetBoxData.Kind;
import dev.drift.service.desired.netbox.NetBoxData.Machine;
import dev.drift.service.desired.netbox.NetBoxProperties.Identity;
import dev.drift.service.model.CiKey;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The identity rule: which NetBox VM or device a CI id names ({@code name}: the object's name;
 * {@code custom-field}: the value of custom field {@code identityField}), in both directions.
 */
final class NetBoxIdentity {
    private final Identity rule;
    private final String field;
    private final NetBoxClient client;

    NetBoxIdentity(NetBoxProperties properties, NetBoxClient client) {
        this.rule = properties.identity();
        this.field = properties.identityField();
        this.client = client;
    }

    /** The CI id of a machine; empty when it has none or not a valid one (blank, whitespace). */
    Optional<CiKey> keyOf(Machine machine) {
        return rule == Identity.NAME ? key(machine.name()) : key(machine.customFields().path(field));
    }

    /** The machines of one kind that the CI id names (normally zero or one). */
    List<Machine> find(Kind kind, CiKey ci) {
        return rule == Identity.NAME ? client.machinesNamed(kind, ci.value())
                : client.machinesWithCustomField(kind, field, ci.value());
    }

    /**
     * The CI a webhook's object belongs to, from its model and {@code data} as the REST API
     * serializes it. A nested parent without custom fields is read from NetBox when the rule needs
     * them. Empty for other models, unassigned IP addresses and objects without an identity.
     */
    Optional<CiKey> ciOf(String model, JsonNode data) {
        if (model == null || data == null) {
            return Optional.empty();
        }
        return switch (model.toLowerCase(Locale.ROOT)) {
            case "virtualmachine" -> machineKey(Kind.VM, data);
            case "device" -> machineKey(Kind.DEVICE, data);
            case "vminterface" -> machineKey(Kind.VM, data.path("virtual_machine"));
            case "interface" -> machineKey(Kind.DEVICE, data.path("device"));
            case "ipaddress" -> ipAddressKey(data);
            default -> Optional.empty();
        };
    }

    private Optional<CiKey> ipAddressKey(JsonNode data) {
        JsonNode assigned = data.path("assigned_object");
        String type = data.path("assigned_object_type").asText("");
        if (type.equals(Kind.VM.interfaceType)) {
            return machineKey(Kind.VM, assigned.path("virtual_machine"));
        }
        if (type.equals(Kind.DEVICE.interfaceType)) {
            return machineKey(Kind.DEVICE, assigned.path("device"));
        }
        return Optional.empty();
    }

    private Optional<CiKey> machineKey(Kind kind, JsonNode machine) {
        if (!machine.isObject()) {
            return Optional.empty();
        }
        if (rule == Identity.NAME) {
            return key(machine.path("name"));
        }
        JsonNode customFields = machine.path("custom_fields");
        if (customFields.isObject()) {
            return key(customFields.path(field));
        }
        JsonNode id = machine.path("id");
        return id.canConvertToInt() ? client.machine(kind, id.intValue()).flatMap(this::keyOf) : Optional.empty();
    }

    private static Optional<CiKey> key(JsonNode value) {
        return value.isTextual() || value.isNumber() ? key(value.asText()) : Optional.empty();
    }

    private static Optional<CiKey> key(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(CiKey.of(value));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}
