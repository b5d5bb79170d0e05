package dev.drift.service.desired.netbox;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;

/**
 * The NetBox desired-state source ({@code drift.desired.source: netbox}). Every setting but
 * {@code url} and {@code token} has a default, applied when the key is absent (null).
 *
 * @param url                   the NetBox root, e.g. {@code https://netbox.example.com} (not {@code /api}); required
 * @param token                 API token, sent as {@code Authorization: Token <key>}; required, never logged
 * @param identity              how a CI id names a NetBox object: {@code name} (default, the VM or device name) or
 *                              {@code custom-field} (the value of custom field {@code identityField})
 * @param identityField         custom field holding the CI id when {@code identity} is {@code custom-field};
 *                              default {@code ci_id}
 * @param cacheTtl              how long a looked-up desired state is reused before NetBox is asked again; default 5m
 * @param cacheMaxSize          most CIs kept in the cache (and in the last-known-good store); default 100000
 * @param staleMaxAge           how old a last-known-good desired state may be and still be served, marked as
 *                              cached, while NetBox is unreachable; default 15m
 * @param timeout               connect and read timeout of one HTTP call; default 5s
 * @param retryAttempts         attempts per call including the first, for retryable failures only; default 3
 * @param retryInitialBackoff   wait before the first retry, doubled for each further one (a 429's
 *                              {@code Retry-After} wins); default 200ms
 * @param circuitFailureRate    percentage of failed calls (of the last 20, at least 5) that opens the circuit;
 *                              default 50
 * @param circuitWaitOpen       how long an open circuit rejects calls before letting one through; default 30s
 * @param bulkheadMaxConcurrent most concurrent calls to NetBox; default 16
 * @param pageSize              {@code limit} of list calls, 1-1000 (NetBox's default MAX_PAGE_SIZE); default 1000
 * @param webhookSecret         secret NetBox signs webhooks with ({@code X-Hook-Signature}); null: not configured
 * @param refreshInterval       how often changed objects are re-read from NetBox; default 5m
 */
@ConfigurationProperties(NetBoxProperties.PREFIX)
@Requires(property = "drift.desired.source", value = "netbox")
@Context
public record NetBoxProperties(
        @NotBlank @Pattern(regexp = "https?://.+") String url,
        @NotBlank String token,
        @Nullable Identity identity,
        @Nullable String identityField,
        @Nullable Duration cacheTtl,
        @Nullable Integer cacheMaxSize,
        @Nullable Duration staleMaxAge,
        @Nullable Duration timeout,
        @Nullable Integer retryAttempts,
        @Nullable Duration retryInitialBackoff,
        @Nullable Float circuitFailureRate,
        @Nullable Duration circuitWaitOpen,
        @Nullable Integer bulkheadMaxConcurrent,
        @Nullable Integer pageSize,
        @Nullable String webhookSecret,
        @Nullable Duration refreshInterval) {

    public static final String PREFIX = "drift.desired.netbox";
    public static final int MAX_PAGE_SIZE = 1000;

    /** How a CI id maps to a NetBox VM or device. */
    public enum Identity {
        /** The CI id is the object's name. */
        NAME,
        /** The CI id is the value of the custom field {@code identityField}. */
        CUSTOM_FIELD
    }

    public NetBoxProperties {
        if (url == null || !url.matches("https?://.+")) {
            throw new IllegalArgumentException(PREFIX + ".url must be the http(s) URL of the NetBox root");
        }
        URI.create(url);
        url = url.replaceAll("/+$", "");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException(PREFIX + ".token is required");
        }
        identity = identity == null ? Identity.NAME : identity;
        identityField = identityField == null || identityField.isBlank() ? "ci_id" : identityField.strip();
        cacheTtl = positive("cache-ttl", cacheTtl, Duration.ofMinutes(5));
        cacheMaxSize = atLeast("cache-max-size", cacheMaxSize, 100_000, 1);
        staleMaxAge = positive("stale-max-age", staleMaxAge, Duration.ofMinutes(15));
        timeout = positive("timeout", timeout, Duration.ofSeconds(5));
        retryAttempts = atLeast("retry-attempts", retryAttempts, 3, 1);
        retryInitialBackoff = positive("retry-initial-backoff", retryInitialBackoff, Duration.ofMillis(200));
        circuitFailureRate = circuitFailureRate == null ? 50f : circuitFailureRate;
        if (circuitFailureRate <= 0 || circuitFailureRate > 100) {
            throw new IllegalArgumentException(PREFIX + ".circuit-failure-rate must be in (0, 100]");
        }
        circuitWaitOpen = positive("circuit-wait-open", circuitWaitOpen, Duration.ofSeconds(30));
        bulkheadMaxConcurrent = atLeast("bulkhead-max-concurrent", bulkheadMaxConcurrent, 16, 1);
        pageSize = atLeast("page-size", pageSize, MAX_PAGE_SIZE, 1);
        if (pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException(PREFIX + ".page-size must be at most " + MAX_PAGE_SIZE);
        }
        refreshInterval = positive("refresh-interval", refreshInterval, Duration.ofMinutes(5));
    }

    /** Settings with every default: for tests and tools. */
    public static NetBoxProperties of(String url, String token) {
        return new NetBoxProperties(url, token, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    private static Duration positive(String key, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(PREFIX + "." + key + " must be positive");
        }
        return value;
    }

    private static int atLeast(String key, Integer value, int fallback, int min) {
        if (value == null) {
            return fallback;
        }
        if (value < min) {
            throw new IllegalArgumentException(PREFIX + "." + key + " must be at least " + min);
        }
        return value;
    }

    /** Never reveals the token or the webhook secret. */
    @Override
    public String toString() {
        return "NetBoxProperties[url=" + url + ", token=****, identity=" + identity + ", identityField="
                + identityField + ", cacheTtl=" + cacheTtl + ", cacheMaxSize=" + cacheMaxSize + ", staleMaxAge="
                + staleMaxAge + ", timeout=" + timeout + ", retryAttempts=" + retryAttempts
                + ", retryInitialBackoff=" + retryInitialBackoff + ", circuitFailureRate=" + circuitFailureRate
                + ", circuitWaitOpen=" + circuitWaitOpen + ", bulkheadMaxConcurrent=" + bulkheadMaxConcurrent
                + ", pageSize=" + pageSize + ", webhookSecret=" + (webhookSecret == null ? "null" : "****")
                + ", refreshInterval=" + refreshInterval + "]";
    }
}
