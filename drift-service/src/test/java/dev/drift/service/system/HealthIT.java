package dev.drift.service.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.service.support.ServiceIT;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /health} on real PostgreSQL and Redis: up, with both indicators shown. */
@MicronautTest(transactional = false)
class HealthIT extends ServiceIT {


    @Inject
    @Client("/")
    HttpClient http;


    @Test
    void healthIsUpWhenPostgresAndRedisAnswer() {
        HttpResponse<Map<String, Object>> response = http.toBlocking()
                .exchange(HttpRequest.GET("/health"), Argument.mapOf(String.class, Object.class));

        assertThat(response.getStatus().getCode()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(response.body()).containsEntry("status", "UP").containsKey("details");
    }

    @Test
    void redisIndicatorIsUpAndAnswersPing() {
        Map<String, Object> redis = indicator(health(), "redis");

        assertThat(redis).containsEntry("status", "UP");
        assertThat(details(redis)).containsEntry("ping", "PONG");
    }

    @Test
    void databaseIndicatorIsUpAndNamesPostgres() {
        Map<String, Object> jdbc = indicator(health(), "jdbc");

        assertThat(jdbc).containsEntry("status", "UP");
        // One entry per data source, keyed by its JDBC URL: this test's own database.
        Map<String, Object> byUrl = details(jdbc);
        assertThat(byUrl).containsOnlyKeys(property("datasources.default.url"));
        @SuppressWarnings("unchecked")
        Map<String, Object> datasource = (Map<String, Object>) byUrl.get(property("datasources.default.url"));
        assertThat(datasource).containsEntry("status", "UP");
        assertThat(details(datasource)).containsEntry("database", "PostgreSQL");
    }

    private Map<String, Object> health() {
        return http.toBlocking().retrieve(HttpRequest.GET("/health"), Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> indicator(Map<String, Object> health, String name) {
        assertThat(details(health)).containsKey(name);
        return (Map<String, Object>) details(health).get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Map<String, Object> node) {
        return (Map<String, Object>) node.get("details");
    }
}
