package dev.drift.service.desired.netbox;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.drift.service.desired.DesiredLookup;
import dev.drift.service.model.CiKey;
import dev.drift.service.model.DesiredField;
import dev.drift.service.model.DesiredState;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.Provenance;
import dev.drift.service.system.DriftException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Desired state per CI, kept for {@code cacheTtl} in a bounded cache. Concurrent misses for one CI
 * share one load. A failed load is not cached: it is handed to every caller waiting on it, then
 * forgotten.
 *
 * <p>When a load fails with {@link DriftException.Retryable} (NetBox unreachable, circuit open),
 * the last value loaded for the CI is served if it is at most {@code staleMaxAge} old, marked as
 * cached: every field's provenance attribute gets the suffix {@code " (cached <ISO instant of the
 * load>)"}, so the ledger records that the evaluation used cached intent. Older, or never loaded:
 * the failure is rethrown. {@link DriftException.Terminal} failures are never masked.
 */
final class DesiredCache {
    private final AsyncLoadingCache<CiKey, Outcome> cache;
    private final Cache<CiKey, Loaded> lastKnownGood;
    private final InstantSource clock;
    private final Duration staleMaxAge;
    private final long ttlNanos;

    private sealed interface Outcome {
    }

    private record Loaded(DesiredLookup lookup, Instant at) implements Outcome {
    }

    private record Failed(RuntimeException failure) implements Outcome {
    }

    DesiredCache(NetBoxProperties properties, Function<CiKey, DesiredLookup> loader, InstantSource clock,
                 Executor executor) {
        this.clock = clock;
        this.staleMaxAge = properties.staleMaxAge();
        Ticker ticker = () -> nanos(clock.instant());
        this.ttlNanos = properties.cacheTtl().toNanos();
        this.cache = Caffeine.newBuilder()
                .maximumSize(properties.cacheMaxSize())
                .expireAfter(new LoadTimeExpiry(ttlNanos))
                .ticker(ticker)
                .executor(executor)
                .buildAsync(ci -> load(ci, loader));
        this.lastKnownGood = Caffeine.newBuilder()
                .maximumSize(properties.cacheMaxSize())
                .expireAfterWrite(staleMaxAge)
                .ticker(ticker)
                .build();
    }

    /** The CI's desired state, cached, loaded, or (NetBox unreachable) last known and marked cached. */
    DesiredLookup get(CiKey ci) {
        CompletableFuture<Outcome> future = cache.get(ci);
        Outcome outcome = join(ci, future);
        if (outcome instanceof Loaded loaded && expired(loaded)) {
            cache.asMap().remove(ci, future);
            outcome = join(ci, cache.get(ci));
        }
        return switch (outcome) {
            case Loaded loaded -> loaded.lookup();
            case Failed failed when failed.failure() instanceof DriftException.Retryable retryable -> stale(ci, retryable);
            case Failed failed -> throw failed.failure();
        };
    }

    private static Outcome join(CiKey ci, CompletableFuture<Outcome> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            return new Failed(e.getCause() instanceof RuntimeException r ? r
                    : new DriftException.Retryable("NetBox lookup of " + ci + " failed", e.getCause()));
        }
    }

    /** Checked on every read too, so a value never outlives its TTL while the cache's own expiry catches up. */
    private boolean expired(Loaded loaded) {
        return !loaded.at().plusNanos(ttlNanos).isAfter(clock.instant());
    }

    /** Stores a freshly loaded value, as a bulk load does. */
    void put(CiKey ci, DesiredLookup lookup) {
        Loaded loaded = new Loaded(lookup, clock.instant());
        cache.synchronous().put(ci, loaded);
        lastKnownGood.put(ci, loaded);
    }

    /** Forgets the cached value (the last known one stays as a fallback). */
    void invalidate(CiKey ci) {
        cache.synchronous().invalidate(ci);
    }

    void invalidateAll() {
        cache.synchronous().invalidateAll();
    }

    /**
     * Expiry counted from when the value was loaded (not from when the cache saw the load complete);
     * failures expire at once, so they reach the callers waiting on them and nobody else.
     */
    private record LoadTimeExpiry(long ttlNanos) implements Expiry<CiKey, Outcome> {
        @Override
        public long expireAfterCreate(CiKey ci, Outcome outcome, long now) {
            return outcome instanceof Loaded loaded ? Math.max(0, nanos(loaded.at()) + ttlNanos - now) : 0;
        }

        @Override
        public long expireAfterUpdate(CiKey ci, Outcome outcome, long now, long remaining) {
            return expireAfterCreate(ci, outcome, now);
        }

        @Override
        public long expireAfterRead(CiKey ci, Outcome outcome, long now, long remaining) {
            return remaining;
        }
    }

    private Outcome load(CiKey ci, Function<CiKey, DesiredLookup> loader) {
        try {
            Loaded loaded = new Loaded(loader.apply(ci), clock.instant());
            lastKnownGood.put(ci, loaded);
            return loaded;
        } catch (RuntimeException e) {
            return new Failed(e);
        }
    }

    private DesiredLookup stale(CiKey ci, DriftException.Retryable failure) {
        Loaded last = lastKnownGood.getIfPresent(ci);
        if (last == null || last.at().plus(staleMaxAge).isBefore(clock.instant())) {
            throw failure;
        }
        return markCached(last.lookup(), last.at());
    }

    private static DesiredLookup markCached(DesiredLookup lookup, Instant at) {
        if (!(lookup instanceof DesiredLookup.Managed managed)) {
            return lookup;
        }
        DesiredState state = managed.state();
        String suffix = " (cached " + at + ")";
        Map<FieldPath, DesiredField> fields = new LinkedHashMap<>();
        state.fields().forEach((path, field) -> {
            Provenance p = field.provenance();
            fields.put(path, new DesiredField(field.value(),
                    new Provenance(p.source(), p.objectType(), p.objectId(), p.attribute() + suffix)));
        });
        return new DesiredLookup.Managed(new DesiredState(state.ci(), state.ciType(), fields, state.ignore(),
                state.tags(), state.packs()));
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
