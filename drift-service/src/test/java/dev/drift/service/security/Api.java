package dev.drift.service.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Sends API requests, refused or not, and keeps every answer for assertions on what clients saw. */
final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BlockingHttpClient http;
    private final List<Answer> answers = new CopyOnWriteArrayList<>();

    Api(HttpClient client) {
        this.http = client.toBlocking();
    }

    /** One answer: status, headers by lower-case name, the body as text ("" when none). */
    record Answer(int status, Map<String, List<String>> headers, String body) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT))).map(List::getFirst);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(body, e);
            }
        }

        boolean shows(String secret) {
            return headers.toString().contains(secret) || body.contains(secret);
        }
    }

    Answer send(MutableHttpRequest<?> request, String token) {
        return send(request.bearerAuth(token));
    }

    Answer send(MutableHttpRequest<?> request) {
        Answer answer;
        try {
            answer = answer(http.exchange(request, Argument.STRING, Argument.STRING));
        } catch (HttpClientResponseException e) {
            answer = answer(e.getResponse());
        }
        answers.add(answer);
        return answer;
    }

    List<Answer> answers() {
        return List.copyOf(answers);
    }

    private static Answer answer(HttpResponse<?> response) {
        Map<String, List<String>> headers = new TreeMap<>();
        response.getHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        return new Answer(response.getStatus().getCode(), headers, response.getBody(String.class).orElse(""));
    }
}
