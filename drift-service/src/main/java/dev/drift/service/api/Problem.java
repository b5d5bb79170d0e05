package dev.drift.service.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** An RFC 7807 problem detail, served as {@code application/problem+json}. */
@Serdeable
record Problem(String type, String title, int status, @Nullable String detail, @Nullable String instance) {
    static final String MEDIA_TYPE = "application/problem+json";
}
