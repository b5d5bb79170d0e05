package dev.drift.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * The PostgreSQL and Redis servers that tests, the demo and the benchmarks run against.
 *
 * <p>When {@code DRIFT_DB_URL} (with {@code DRIFT_DB_USER} / {@code DRIFT_DB_PASSWORD}) or
 * {@code DRIFT_REDIS_URI} is set in the environment, that server is used as given. Otherwise a real
 * server is started from a Maven jar on a free loopback port: PostgreSQL 17 (zonky) and Redis 6.2
 * (codemonstur). {@link #close()} stops only what this instance started.
 */
public final class EmbeddedServers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServers.class);

    private final EmbeddedPostgres postgres;
    private final RedisServer redis;
    private final String jdbcUrl;
    private final String dbUser;
    private final String dbPassword;
    private final String redisUri;

    private EmbeddedServers(EmbeddedPostgres postgres, String jdbcUrl, String dbUser, String dbPassword,
                            RedisServer redis, String redisUri) {
        this.postgres = postgres;
        this.jdbcUrl = jdbcUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.redis = redis;
        this.redisUri = redisUri;
    }

    /** Uses the servers named by the environment, starting embedded ones for those not named. */
    public static EmbeddedServers start() {
        return start(System.getenv());
    }

    /** Like {@link #start()}, reading DRIFT_DB_URL and DRIFT_REDIS_URI from the given map. */
    public static EmbeddedServers start(Map<String, String> env) {
        EmbeddedPostgres pg = null;
        String url = env.get("DRIFT_DB_URL");
        String user = env.getOrDefault("DRIFT_DB_USER", "postgres");
        String password = env.getOrDefault("DRIFT_DB_PASSWORD", "postgres");
        if (isBlank(url)) {
            pg = startPostgres();
            url = pg.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "postgres";
        }
        RedisServer redisServer = null;
        String uri = env.get("DRIFT_REDIS_URI");
        if (isBlank(uri)) {
            int port = freePort();
            redisServer = startRedis(port);
            uri = "redis://127.0.0.1:" + port;
        }
        return new EmbeddedServers(pg, url, user, password, redisServer, uri);
    }

    private static EmbeddedPostgres startPostgres() {
        try {
            Path dataDir = Files.createTempDirectory("drift-pg-");
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            LOG.info("embedded PostgreSQL started on port {}", pg.getPort());
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    private static RedisServer startRedis(int port) {
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("databases 256")
                    .build();
            server.start();
            LOG.info("embedded Redis started on port {}", port);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded Redis", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String dbUser() {
        return dbUser;
    }

    public String dbPassword() {
        return dbPassword;
    }

    public String redisUri() {
        return redisUri;
    }

    /** True when PostgreSQL was started here rather than given by {@code DRIFT_DB_URL}. */
    public boolean postgresEmbedded() {
        return postgres != null;
    }

    /** The embedded PostgreSQL port, empty when the server was given by the environment. */
    public Optional<Integer> postgresPort() {
        return Optional.ofNullable(postgres).map(EmbeddedPostgres::getPort);
    }

    /** Micronaut configuration properties that point the service at these servers. */
    public Map<String, Object> micronautProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("datasources.default.url", jdbcUrl);
        props.put("datasources.default.username", dbUser);
        props.put("datasources.default.password", dbPassword);
        props.put("drift.redis.uri", redisUri);
        return props;
    }

    @Override
    public void close() {
        if (redis != null) {
            try {
                redis.stop();
            } catch (IOException e) {
                LOG.warn("embedded Redis did not stop cleanly", e);
            }
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                LOG.warn("embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }
}
