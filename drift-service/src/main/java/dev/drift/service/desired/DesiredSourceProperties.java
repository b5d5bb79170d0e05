package dev.drift.service.desired;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;

/**
 * Which desired-state source runs ({@code drift.desired.source}), checked when the application
 * starts: a source drift does not have would otherwise only fail at the first reconcile.
 *
 * @param source {@code file} (the default) or {@code netbox}
 */
@Context
@ConfigurationProperties("drift.desired")
public record DesiredSourceProperties(@Bindable(defaultValue = "file") String source) {
    private static final List<String> SOURCES = List.of("file", "netbox");

    public DesiredSourceProperties {
        if (!SOURCES.contains(source)) {
            throw new IllegalArgumentException("invalid drift.desired.source '" + source + "': must be one of " + SOURCES);
        }
    }
}
