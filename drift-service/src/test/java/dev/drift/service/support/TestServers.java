package dev.drift.service.support;

import dev.drift.embedded.EmbeddedServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real PostgreSQL and Redis that integration tests run against: the servers named by
 * {@code DRIFT_DB_URL} / {@code DRIFT_REDIS_URI}, or embedded ones started once per JVM.
 *
 * <p>Each test class gets its own database and its own Redis logical database, so classes never see
 * each other's data and nothing is ever flushed.
 */
public final class TestServers {
    private static final AtomicInteger NEXT_REDIS_DB = new AtomicInteger(1);
    private static EmbeddedServers servers;

    private TestServers() {
    }

    private static int redisDatabases;

    public static synchronized EmbeddedServers servers() {
        if (servers == null) {
            servers = EmbeddedServers.start();
            Runtime.getRuntime().addShutdownHook(new Thread(servers::close, "test-servers-stop"));
        }
        return servers;
    }

    /** Micronaut properties pointing at a fresh database and an unused Redis logical database. */
    public static Map<String, String> isolatedProperties() {
        EmbeddedServers s = servers();
        Map<String, String> props = new HashMap<>();
        props.put("datasources.default.url", freshDatabase(s));
        props.put("datasources.default.username", s.dbUser());
        props.put("datasources.default.password", s.dbPassword());
        props.put("drift.redis.uri", redisUri(s.redisUri(), NEXT_REDIS_DB.getAndIncrement() % redisDatabases(s)));
        return props;
    }

    /**
     * How many logical databases the Redis server has (256 for the embedded one, usually 16 for
     * others): test classes beyond that share one, which only ever adds entries to their streams.
     */
    private static synchronized int redisDatabases(EmbeddedServers s) {
        if (redisDatabases == 0) {
            io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(s.redisUri());
            try (var connection = client.connect()) {
                redisDatabases = Integer.parseInt(connection.sync().configGet("databases").getOrDefault("databases", "16"));
            } catch (RuntimeException e) {
                redisDatabases = 16;
            } finally {
                client.shutdown();
            }
        }
        return redisDatabases;
    }

    private static String freshDatabase(EmbeddedServers s) {
        String name = "drift_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.dbUser(), s.dbPassword());
             Statement st = c.createStatement()) {
            st.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + s.jdbcUrl(), e);
        }
        int slash = s.jdbcUrl().lastIndexOf('/');
        int query = s.jdbcUrl().indexOf('?', slash);
        return s.jdbcUrl().substring(0, slash + 1) + name + (query < 0 ? "" : s.jdbcUrl().substring(query));
    }

    private static String redisUri(String base, int db) {
        String withoutDb = base.replaceFirst("/\\d+$", "");
        return withoutDb + "/" + db;
    }
}
