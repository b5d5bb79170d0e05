package dev.drift.embedded.netbox;

import java.util.Objects;

/**
 * An interface's untagged VLAN, rendered as NetBox's brief VLAN {@code {id, url, display, vid, name,
 * description}}.
 *
 * @param id   the VLAN object's id
 * @param vid  the 802.1Q VLAN id, 1 to 4094
 * @param name the VLAN name
 */
public record Vlan(int id, int vid, String name) {
    public Vlan {
        if (id <= 0) {
            throw new IllegalArgumentException("id must be positive: " + id);
        }
        if (vid < 1 || vid > 4094) {
            throw new IllegalArgumentException("vid must be 1..4094: " + vid);
        }
        Objects.requireNonNull(name, "name");
    }
}
