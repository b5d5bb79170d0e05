package dev.drift.embedded.netbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain java.net.http client for the fake, as a test sees the wire. */
final class NetBoxHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;
    private final String token;

    NetBoxHttp(String base, String token) {
        this.base = base;
        this.token = token;
    }

    HttpResponse<String> send(String pathAndQuery, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery.substring(1)))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Token " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String pathAndQuery) throws IOException, InterruptedException {
        return send(pathAndQuery, Duration.ofSeconds(5));
    }

    /** GETs a path that must answer 200 and returns the parsed body. */
    JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = send(pathAndQuery);
        if (response.statusCode() != 200) {
            throw new AssertionError(pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    /** Follows an absolute {@code next}/{@code previous} link. */
    JsonNode follow(String absoluteUrl) throws IOException, InterruptedException {
        return get("/" + absoluteUrl.substring(base.length()));
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
