package dev.drift.service.compliance;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The packs loaded from the packs directory at one moment. Immutable; {@link PackLoader#reload()}
 * makes a new one.
 *
 * @param packs    every pack that loaded, by name, in name order
 * @param files    the file name (within the packs directory) each pack was loaded from, by pack name
 * @param problems why files or packs were not loaded, each naming the file (and item); empty when all loaded
 * @param loadedAt when the directory was read
 */
public record PackCatalog(Map<String, Pack> packs, Map<String, String> files, List<String> problems,
                          Instant loadedAt) {
    public PackCatalog {
        packs = Collections.unmodifiableMap(new TreeMap<>(packs));
        files = Map.copyOf(files);
        if (!files.keySet().equals(packs.keySet())) {
            throw new IllegalArgumentException("every pack needs its file, and only loaded packs have one");
        }
        problems = List.copyOf(problems);
        Objects.requireNonNull(loadedAt, "loadedAt");
    }

    /** The pack of this name, if it loaded. */
    public Optional<Pack> pack(String name) {
        return Optional.ofNullable(packs.get(name));
    }

    /** The file name the loaded pack of this name came from. */
    public Optional<String> file(String name) {
        return Optional.ofNullable(files.get(name));
    }
}
