package dev.drift.service.model;

import java.util.Objects;

/**
 * A claim by an event that it lists every field whose canonical path starts with
 * {@code pathPrefix}: a {@code package_facts} report covers {@code "package["}, a parsed
 * sshd_config covers {@code "file[/etc/ssh/sshd_config].setting["}. A field under the prefix that
 * the event does not list is therefore known to be {@link FieldValue.Absent} as of that event.
 */
public record Coverage(String pathPrefix) {
    public Coverage {
        Objects.requireNonNull(pathPrefix, "path prefix");
        if (pathPrefix.isEmpty()) {
            throw new IllegalArgumentException("coverage prefix must not be empty");
        }
    }

    public boolean covers(FieldPath path) {
        return path.toString().startsWith(pathPrefix);
    }
}
