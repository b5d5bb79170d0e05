package dev.drift.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drift.service.security.Api.Answer;
import dev.drift.service.support.ServiceIT;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The per-token rate limit: 429 with Retry-After past the budget, other tokens unaffected. */
@MicronautTest(transactional = false)
class SecurityRateLimitIT extends ServiceIT {
    private static final String BOOTSTRAP = "bootstrap-admin-token-of-rate-limit-it-0123456789";
    private static final int PER_SECOND = 2;

    @Inject
    @Client("/")
    HttpClient client;

    private Api api;
    private String viewer;

    @Override
    protected Map<String, String> overrides() {
        return Map.of("drift.security.enabled", "true",
                "drift.security.bootstrap-admin-token", BOOTSTRAP,
                "drift.security.rate-limit", Integer.toString(PER_SECOND));
    }

    @BeforeAll
    void issueViewer() {
        api = new Api(client);
        Answer created = api.send(HttpRequest.POST("/drift/tokens", "{\"name\": \"limited\", \"role\": \"viewer\"}")
                .contentType("application/json"), BOOTSTRAP);
        assertThat(created.status()).isEqualTo(201);
        viewer = created.json().path("token").asText();
    }

    @Test
    void requestsBeyondTheRateAreRefusedWithRetryAfterForThatTokenOnly() {
        Answer refused = await().atMost(Duration.ofSeconds(10)).until(() -> firstRefused(burst(BOOTSTRAP)),
                Optional::isPresent).orElseThrow();

        assertThat(refused.header("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
        assertThat(refused.header("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("token bootstrap is over its rate limit").doesNotContain(BOOTSTRAP);
        assertThat(api.send(HttpRequest.GET("/drift/events"), viewer).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> api.send(HttpRequest.GET("/drift/events"), BOOTSTRAP).status() == 200);
    }

    private List<Answer> burst(String token) {
        return IntStream.rangeClosed(0, PER_SECOND * 2)
                .mapToObj(i -> api.send(HttpRequest.GET("/drift/events"), token)).toList();
    }

    private static Optional<Answer> firstRefused(List<Answer> answers) {
        return answers.stream().filter(a -> a.status() == 429).findFirst();
    }
}
