package dev.drift.service.ingest;

import dev.drift.service.system.DriftMetrics;
import dev.drift.service.system.RefreshedGauges;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The consumer group's backlog per inbound stream, for {@code drift_consumer_lag} and
 * {@code drift_consumer_pending}.
 *
 * <p>Pending is the XPENDING summary count: entries delivered to a consumer and not acknowledged.
 * Lag is what the group has not been delivered yet: the {@code lag} of XINFO GROUPS on Redis 7 and
 * later; where Redis does not give it (6.2, or a stream whose history was trimmed), the entries after
 * the group's {@code last-delivered-id} are counted, up to {@value #LAG_COUNT_LIMIT}, so a lag above
 * that reads as {@value #LAG_COUNT_LIMIT}.
 */
@Singleton
@Requires(property = "drift.ingest.enabled", value = "true", defaultValue = "true")
final class StreamBacklog implements RefreshedGauges {
    static final int LAG_COUNT_LIMIT = 1000;

    private final StatefulRedisConnection<String, String> connection;
    private final IngestProperties properties;
    private final DriftMetrics metrics;

    StreamBacklog(StatefulRedisConnection<String, String> connection, IngestProperties properties,
                  DriftMetrics metrics) {
        this.connection = connection;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Override
    public void refresh() {
        for (String stream : properties.streams()) {
            group(stream).ifPresent(group -> metrics.streamBacklog(stream, lag(stream, group), pending(stream)));
        }
    }

    /** The group's XINFO GROUPS entry on the stream as a map; empty while the group does not exist. */
    private Optional<Map<String, Object>> group(String stream) {
        if (connection.sync().exists(stream) == 0) {
            return Optional.empty();
        }
        for (Object entry : connection.sync().xinfoGroups(stream)) {
            Map<String, Object> group = pairs((List<?>) entry);
            if (properties.group().equals(group.get("name"))) {
                return Optional.of(group);
            }
        }
        return Optional.empty();
    }

    private long lag(String stream, Map<String, Object> group) {
        if (group.get("lag") instanceof Long lag) {
            return lag;
        }
        RedisCommands<String, String> redis = connection.sync();
        String lastDelivered = String.valueOf(group.get("last-delivered-id"));
        return redis.xrange(stream, Range.from(Range.Boundary.excluding(lastDelivered), Range.Boundary.unbounded()),
                Limit.from(LAG_COUNT_LIMIT)).size();
    }

    private long pending(String stream) {
        return connection.sync().xpending(stream, properties.group()).getCount();
    }

    private static Map<String, Object> pairs(List<?> flat) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(String.valueOf(flat.get(i)), flat.get(i + 1));
        }
        return map;
    }
}
