package dev.drift.service.compliance;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.List;

/**
 * The loaded packs of a {@link PackCatalog} as the API shows them ({@code GET /drift/packs}).
 *
 * @param packs    every loaded pack, in name order
 * @param problems why files or packs were not loaded; empty when all loaded
 * @param loadedAt when the packs directory was read
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PackListing(List<Summary> packs, List<String> problems, Instant loadedAt) {

    /**
     * One loaded pack.
     *
     * @param description null when the pack has none
     * @param itemCount   how many checks it has
     * @param file        the file name within the packs directory
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Summary(String name, String version, @Nullable String description, int itemCount, String file) {
    }

    public static PackListing of(PackCatalog catalog) {
        List<Summary> packs = catalog.packs().values().stream()
                .map(p -> new Summary(p.name(), p.version(), PackDetail.described(p), p.items().size(),
                        catalog.file(p.name()).orElseThrow()))
                .toList();
        return new PackListing(packs, catalog.problems(), catalog.loadedAt());
    }
}
