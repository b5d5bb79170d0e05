package dev.drift.service.fault.outage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import redis.embedded.RedisServer;

/**
 * A PostgreSQL and a Redis of one test's own, which it can stop and start again: each comes back on
 * the same port with the same data directory, as after a restart in production. Redis keeps its data
 * in an append-only file ({@code appendonly yes}), so streams and consumer groups survive.
 */
final class RestartableServers implements AutoCloseable {
    private final Path pgData;
    private final Path redisDir;
    private final int pgPort;
    private final int redisPort;
    private EmbeddedPostgres postgres;
    private RedisServer redis;

    RestartableServers() {
        try {
            pgData = Files.createTempDirectory("drift-outage-pg-");
            redisDir = Files.createTempDirectory("drift-outage-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pgPort = freePort();
        redisPort = freePort();
        startPostgres();
        startRedis();
        createDatabase();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/drift_outage";
    }

    String redisUri() {
        return "redis://127.0.0.1:" + redisPort;
    }

    synchronized void stopPostgres() {
        try {
            postgres.close();
            postgres = null;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop", e);
        }
    }

    synchronized void startPostgres() {
        startPostgresProcess();
    }

    synchronized void stopRedis() {
        try {
            redis.stop();
            redis = null;
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not stop", e);
        }
    }

    /** Starts Redis on its port and directory: it loads what the append-only file holds. */
    synchronized void startRedis() {
        try {
            redis = RedisServer.newRedisServer()
                    .port(redisPort)
                    .bind("127.0.0.1")
                    .setting("dir " + redisDir)
                    .setting("appendonly yes")
                    .setting("appendfsync everysec")
                    .setting("save \"\"")
                    .build();
            redis.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not start", e);
        }
    }

    private void startPostgresProcess() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setPort(pgPort)
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", "off")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    private void createDatabase() {
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres")) {
            c.createStatement().execute("create database drift_outage");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (redis != null) {
            redis.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
