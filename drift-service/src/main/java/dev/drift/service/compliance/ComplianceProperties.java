package dev.drift.service.compliance;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Compliance packs, under {@value #PREFIX}. Validated when the application starts.
 *
 * @param packsDirectory folder of {@code *.yaml}/{@code *.yml} pack files ({@link PackLoader}); default {@code packs}
 * @param maxFactAge     how old a CI's newest observation may be before its packs are unknown; default {@code 26h}
 */
@Context
@ConfigurationProperties(ComplianceProperties.PREFIX)
public record ComplianceProperties(
        @Bindable(defaultValue = "packs") String packsDirectory,
        @Bindable(defaultValue = "26h") Duration maxFactAge) {

    public static final String PREFIX = "drift.compliance";

    public ComplianceProperties {
        require(packsDirectory != null && !packsDirectory.isBlank(), "packs-directory must not be blank");
        require(maxFactAge != null && maxFactAge.isPositive(), "max-fact-age must be positive");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("invalid " + PREFIX + " settings: " + message);
        }
    }
}
