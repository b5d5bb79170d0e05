package dev.drift.service.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drift.service.ingest.EventMapper.MappingBuilder;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps {@code package_facts} output ({@code packages: {name: [{name, version, release, ...}]}}).
 * It lists every installed package, so it covers {@code package[}: a package it omits is absent.
 */
final class PackageFactsMapper {
    static final String PACKAGES = "package[";

    private PackageFactsMapper() {
    }

    static void map(JsonNode packages, MappingBuilder mapping) {
        if (packages == null || !packages.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> pkg : packages.properties()) {
            // A name with brackets cannot be addressed by a field path, so no desired state names it.
            if (EventMapper.isPathKey(pkg.getKey())) {
                mapPackage(pkg.getKey(), pkg.getValue(), mapping);
            }
        }
        mapping.covers(PACKAGES);
    }

    /**
     * One installed version is text; several (kernels kept side by side) are items in the order
     * reported. Instances that differ only in architecture (multiarch libc6) count once, or a
     * package installed for amd64 and i386 would never match a desired version.
     */
    private static void mapPackage(String name, JsonNode installed, MappingBuilder mapping) {
        Set<String> versions = new LinkedHashSet<>();
        for (JsonNode instance : installed) {
            if (instance.hasNonNull("version")) {
                versions.add(version(instance));
            }
        }
        FieldPath path = FieldPath.keyed("package", name).child("version");
        if (versions.size() == 1) {
            mapping.value(path, FieldValue.text(versions.iterator().next()));
        } else if (!versions.isEmpty()) {
            mapping.value(path, new FieldValue.Items(List.copyOf(versions)));
        }
    }

    /** rpm reports the release apart from the version; apt folds it into the version. */
    private static String version(JsonNode instance) {
        String version = instance.get("version").asText();
        JsonNode release = instance.get("release");
        boolean hasRelease = EventMapper.isScalar(release) && !release.asText().isEmpty();
        return hasRelease ? version + "-" + release.asText() : version;
    }
}
