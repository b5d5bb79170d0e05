package dev.drift.embedded.netbox;

import java.util.Objects;

/**
 * A config context object (not the rendered context of a machine, which is on {@link VmSpec} and
 * {@link DeviceSpec}).
 *
 * @param name        the context name
 * @param weight      precedence, 0 to 32767; higher wins when contexts are merged
 * @param description a description, "" for none
 * @param active      whether the context is active
 * @param data        the context data (any JSON value Jackson can write)
 * @param dataFile    the path of the data file it is synced from, or null when edited in NetBox
 */
public record ConfigContextSpec(String name, int weight, String description, boolean active, Object data,
                                String dataFile) {
    public ConfigContextSpec {
        Objects.requireNonNull(name, "name");
        if (weight < 0 || weight > 32767) {
            throw new IllegalArgumentException("weight must be 0..32767: " + weight);
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(data, "data");
    }

    /** An active context of weight 1000 (NetBox's default) edited in NetBox. */
    public static ConfigContextSpec of(String name, Object data) {
        return new ConfigContextSpec(name, 1000, "", true, data, null);
    }

    public ConfigContextSpec withWeight(int newWeight) {
        return new ConfigContextSpec(name, newWeight, description, active, data, dataFile);
    }

    public ConfigContextSpec withData(Object newData) {
        return new ConfigContextSpec(name, weight, description, active, newData, dataFile);
    }

    public ConfigContextSpec withActive(boolean newActive) {
        return new ConfigContextSpec(name, weight, description, newActive, data, dataFile);
    }

    /** Marks the context as synced from a file of NetBox's data source, as {@code data_file} shows. */
    public ConfigContextSpec withDataFile(String path) {
        return new ConfigContextSpec(name, weight, description, active, data, path);
    }
}
