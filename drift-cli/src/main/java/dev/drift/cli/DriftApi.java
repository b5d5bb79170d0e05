package dev.drift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Calls to the drift API, each answered with the body of a 2xx response or an {@link ApiException}:
 * {@link ApiException.Refused} for 4xx (with the problem's {@code detail}), {@link ApiException.Unavailable}
 * for 5xx, no connection or no answer within the timeout.
 */
final class DriftApi {
    private final HttpClient http;
    private final URI base;
    private final String token;
    private final Duration timeout;

    /**
     * @param base    the service, such as {@code http://localhost:8080}
     * @param token   sent as {@code Authorization: Bearer}; null sends none
     * @param timeout for connecting and for each answer
     */
    DriftApi(URI base, String token, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.base = base;
        this.token = token;
        this.timeout = timeout;
    }

    /** GET with the query parameters that are not null, in their order. */
    String get(String path, Map<String, String> query) {
        return send(request(path + queryString(query)).GET());
    }

    String get(String path) {
        return get(path, Map.of());
    }

    /** POST with a JSON body, or an empty one when null. */
    String post(String path, Object body) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Json.write(body));
        return send(request(path).header("Content-Type", "application/json").POST(publisher));
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private String send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ApiException.Unavailable("no answer from " + base + " within " + timeout.toSeconds() + "s", e);
        } catch (IOException e) {
            throw new ApiException.Unavailable("cannot reach " + base + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException.Unavailable("interrupted while calling " + base, e);
        }
        return checked(request, response);
    }

    private static String checked(HttpRequest request, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        String what = request.method() + " " + request.uri().getPath() + ": " + status + " " + detail(response.body());
        if (status >= 400 && status < 500) {
            throw new ApiException.Refused(what);
        }
        throw new ApiException.Unavailable(what, null);
    }

    /** The problem's {@code detail}, else its {@code title}, else the body as it came. */
    private static String detail(String body) {
        try {
            JsonNode problem = Json.read(body, JsonNode.class);
            for (String member : new String[] {"detail", "title"}) {
                if (problem.hasNonNull(member)) {
                    return problem.get(member).asText();
                }
            }
        } catch (ApiException e) {
            // not problem JSON (a proxy's error page, say): show it as it is
        }
        return body == null ? "" : body.strip();
    }

    private static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String queryString(Map<String, String> query) {
        StringJoiner joined = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> {
            if (value != null) {
                joined.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return joined.toString();
    }
}
