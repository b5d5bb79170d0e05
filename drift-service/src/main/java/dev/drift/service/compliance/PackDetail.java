package dev.drift.service.compliance;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One loaded pack with its checks, as the API shows it ({@code GET /drift/packs/{name}}).
 *
 * @param description null when the pack has none
 * @param file        the file name within the packs directory
 * @param loadedAt    when the packs directory was read
 * @param items       the checks in the pack's order
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PackDetail(String name, String version, @Nullable String description, String file, Instant loadedAt,
                         List<Item> items) {

    /**
     * One check of the pack.
     *
     * @param field    the field path of the actual state that is checked
     * @param rule     the rule's key as pack files write it ({@code equals}, {@code one_of}, {@code present},
     *                 {@code absent}, {@code min_version}, {@code matches}, {@code at_most}, {@code at_least})
     * @param expected what the rule expects, as mismatches show it ({@code no}, {@code >= 1:8.9p1})
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Item(String id, String title, String field, String rule, String expected) {
        static Item of(PackItem item) {
            return new Item(item.id(), item.title(), item.field().toString(), key(item.rule()),
                    item.rule().expectation());
        }
    }

    /** The pack of this name in the catalog, if it loaded. */
    public static Optional<PackDetail> of(PackCatalog catalog, String name) {
        return catalog.pack(name).map(p -> new PackDetail(p.name(), p.version(), described(p),
                catalog.file(name).orElseThrow(), catalog.loadedAt(), p.items().stream().map(Item::of).toList()));
    }

    static String described(Pack pack) {
        return pack.description().isBlank() ? null : pack.description();
    }

    private static String key(Rule rule) {
        return switch (rule) {
            case Rule.Equals e -> "equals";
            case Rule.OneOf o -> "one_of";
            case Rule.Present p -> "present";
            case Rule.Absent a -> "absent";
            case Rule.MinVersion m -> "min_version";
            case Rule.Matches m -> "matches";
            case Rule.AtMost m -> "at_most";
            case Rule.AtLeast l -> "at_least";
        };
    }
}
