package dev.drift.service.desired.netbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drift.service.desired.DesiredLookup;
import dev.drift.service.desired.DesiredStateSource;
import dev.drift.service.desired.netbox.NetBoxData.Snapshot;
import dev.drift.service.model.CiKey;
import dev.drift.service.system.DriftException;
import dev.drift.service.system.DriftMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desired state from NetBox 4.x: a CI is a virtual machine or, when no VM has its id, a device
 * (identity rule: {@code drift.desired.netbox.identity}). See {@link NetBoxMapper} for the fields
 * and the status table, {@link DesiredCache} for caching and the stale fallback, and
 * {@link NetBoxGuard} for retries, circuit breaking and which failures are retryable.
 *
 * <p>{@link #lookup(CiKey)} throws {@link DriftException.Retryable} when NetBox cannot answer and
 * no last-known-good value younger than {@code stale-max-age} exists, and
 * {@link DriftException.Terminal} when NetBox answers with a 4xx, with something that does not
 * parse, with a malformed {@code drift} config context, or with several objects for one CI id.
 */
@Singleton
@Requires(property = "drift.desired.source", value = "netbox")
public final class NetBoxDesiredStateSource implements DesiredStateSource {
    private static final Logger LOG = LoggerFactory.getLogger(NetBoxDesiredStateSource.class);

    private final NetBoxClient client;
    private final NetBoxIdentity identity;
    private final NetBoxLoader loader;
    private final DesiredCache cache;
    private final ExecutorService executor;

    @Inject
    public NetBoxDesiredStateSource(NetBoxProperties properties, DriftMetrics metrics) {
        this(properties, InstantSource.system(), metrics);
    }

    NetBoxDesiredStateSource(NetBoxProperties properties, InstantSource clock) {
        this(properties, clock, DriftMetrics.detached());
    }

    private NetBoxDesiredStateSource(NetBoxProperties properties, InstantSource clock, DriftMetrics metrics) {
        this.client = new NetBoxClient(properties, metrics);
        this.identity = new NetBoxIdentity(properties, client);
        this.loader = new NetBoxLoader(client, identity);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.cache = new DesiredCache(properties, this::fetch, clock, executor);
    }

    @Override
    public DesiredLookup lookup(CiKey ci) {
        return cache.get(ci);
    }

    @Override
    public String name() {
        return NetBoxMapper.SOURCE;
    }

    /** NetBox's circuit breaker, for health: open while NetBox keeps failing. */
    CircuitBreaker circuit() {
        return client.guard().circuit();
    }

    /** Drops the CI's cached desired state: the next lookup reads NetBox. */
    public void invalidate(CiKey ci) {
        cache.invalidate(ci);
    }

    /** Drops every cached desired state. */
    public void invalidateAll() {
        cache.invalidateAll();
    }

    /**
     * The CI a NetBox webhook is about. {@code model} is the webhook's {@code model}
     * ({@code virtualmachine}, {@code device}, {@code vminterface}, {@code interface},
     * {@code ipaddress}); {@code data} its {@code data}, the object as the REST API serializes it.
     * Under the custom-field identity rule a parent given without custom fields is read from
     * NetBox, so this may throw like {@link #lookup(CiKey)}.
     *
     * @return the CI, or empty for another model, an unassigned IP address, or an object without a
     *         valid CI id
     */
    public Optional<CiKey> ciOf(String model, JsonNode data) {
        return identity.ciOf(model, data);
    }

    /**
     * CIs whose VM or device was changed at or after {@code since} (NetBox {@code last_updated}),
     * for the periodic refresh; sorted, without duplicates. Interface and IP-address changes do not
     * update their parent's {@code last_updated} and are not listed. Throws like {@link #lookup(CiKey)}.
     */
    public List<CiKey> changedSince(Instant since) {
        return loader.changedSince(since);
    }

    /**
     * Reads every VM and device with their interfaces and IP addresses using paginated list calls
     * only ({@code limit = page-size}), maps them and fills the cache. A CI whose config context is
     * malformed, or whose id names several objects, is left out (its lookup reports why). Throws
     * {@link DriftException.Retryable} when NetBox cannot answer; nothing is cached then.
     */
    public Map<CiKey, DesiredLookup> loadAll() {
        Map<CiKey, DesiredLookup> all = new LinkedHashMap<>();
        for (Map.Entry<CiKey, Snapshot> e : loader.all().entrySet()) {
            try {
                all.put(e.getKey(), NetBoxMapper.map(e.getKey(), e.getValue()));
            } catch (DriftException.Terminal malformed) {
                LOG.warn("NetBox desired state of {} skipped: {}", e.getKey(), malformed.getMessage());
            }
        }
        all.forEach(cache::put);
        return all;
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }

    private DesiredLookup fetch(CiKey ci) {
        Optional<Snapshot> snapshot = loader.find(ci);
        return snapshot.isEmpty() ? new DesiredLookup.Unmanaged(ci) : NetBoxMapper.map(ci, snapshot.get());
    }
}
