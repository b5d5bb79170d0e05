package dev.drift.embedded.netbox;

import java.util.Objects;

/**
 * A related object that NetBox nests in brief form (site, cluster, role, tenant, platform, device type,
 * manufacturer): rendered as {@code {id, url, display, name, slug, description}}.
 *
 * @param id   the related object's id
 * @param name its name, also used as {@code display}
 * @param slug its slug; clusters have none in NetBox and ignore it
 */
public record BriefRef(int id, String name, String slug) {
    public BriefRef {
        if (id <= 0) {
            throw new IllegalArgumentException("id must be positive: " + id);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(slug, "slug");
    }

    /** A brief object whose slug is derived from its name, as NetBox's UI does by default. */
    public static BriefRef of(int id, String name) {
        return new BriefRef(id, name, Slugs.slugify(name));
    }
}
