package dev.drift.service.actions.remediation;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;

/**
 * Remediations run as AWX/AAP job templates ({@code drift.remediation.awx}). Read, and checked at
 * startup, only when {@code url} is set; then {@code token} is required too.
 *
 * @param url          the AWX root, e.g. {@code https://awx.example.com} (without {@code /api})
 * @param token        an OAuth2 token of a user that may launch the templates, sent as {@code Bearer}; never logged
 * @param pollInterval how often a launched job's status is read; default 2s
 * @param timeout      connect timeout and the timeout of each HTTP call; default 10s
 */
@ConfigurationProperties(AwxProperties.PREFIX)
@Requires(property = AwxProperties.PREFIX + ".url")
record AwxProperties(
        @NotBlank @Pattern(regexp = URL) String url,
        @NotBlank String token,
        @Bindable(defaultValue = "2s") @NotNull Duration pollInterval,
        @Bindable(defaultValue = "10s") @NotNull Duration timeout) {

    static final String PREFIX = "drift.remediation.awx";
    static final String URL = "https?://.+";

    AwxProperties {
        if (url == null || !url.matches(URL)) {
            throw new IllegalArgumentException(PREFIX + ".url must be the http(s) URL of the AWX root");
        }
        URI.create(url);
        url = url.replaceAll("/+$", "");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException(PREFIX + ".token is required when " + PREFIX + ".url is set");
        }
        positive("poll-interval", pollInterval);
        positive("timeout", timeout);
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(PREFIX + "." + key + " must be positive");
        }
    }

    /** Never reveals the token. */
    @Override
    public String toString() {
        return "AwxProperties[url=" + url + ", token=****, pollInterval=" + pollInterval + ", timeout=" + timeout
                + "]";
    }
}
