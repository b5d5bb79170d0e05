package dev.drift.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Calls to the API as an operator's client makes them, for the read-API integration tests. */
final class ApiCalls {
    private static final Argument<Map<String, Object>> JSON_MAP = Argument.mapOf(String.class, Object.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;

    ApiCalls(HttpClient http) {
        this.http = http;
    }

    Map<String, Object> get(String uri) {
        return http.toBlocking().retrieve(HttpRequest.GET(uri), JSON_MAP);
    }

    /** Requests a path expected to fail; checks status and content type and returns the problem. */
    Map<String, Object> problem(HttpRequest<?> request, int status) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(request, String.class));

        assertThat(e).as("error response for " + request.getUri()).isNotNull();
        assertThat(e.getStatus().getCode()).as(request.getUri() + " -> " + e.getResponse().getBody(String.class))
                .isEqualTo(status);
        assertThat(e.getResponse().getContentType()).map(MediaType::toString).hasValue("application/problem+json");
        Map<String, Object> problem = parse(e.getResponse().getBody(String.class).orElseThrow());
        assertThat(problem).containsEntry("status", status).containsKeys("type", "title", "detail", "instance");
        return problem;
    }

    Map<String, Object> problem(String uri, int status) {
        return problem(HttpRequest.GET(uri), status);
    }

    static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> json, String member) {
        return (List<Map<String, Object>>) json.get(member);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> json, String member) {
        return (Map<String, Object>) json.get(member);
    }
}
