package dev.drift.service.model;

import java.util.Objects;

/**
 * Where a desired value came from, so an operator can tell "the CMDB is wrong" from "the host is
 * wrong".
 *
 * @param source     the desired-state source ({@code file}, {@code netbox})
 * @param objectType the kind of object in that source ({@code ci-file}, {@code virtual-machine})
 * @param objectId   the object's id in that source (a file name, a NetBox id)
 * @param attribute  the attribute or config-context key the value was read from
 */
public record Provenance(String source, String objectType, String objectId, String attribute) {
    public Provenance {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(attribute, "attribute");
    }
}
