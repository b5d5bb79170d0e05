package dev.drift.service.actions.itsm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.system.DriftException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One HTTP exchange with an ITSM, its failures sorted as {@link dev.drift.service.actions.ItsmClient}
 * promises: {@link DriftException.Retryable} for 5xx, 429 (with its {@code Retry-After} in the message),
 * 408, timeouts and connection failures; {@link DriftException.Terminal} for any other non-2xx answer.
 * Redirects are not followed, so credentials never travel to another host; a redirect is terminal.
 *
 * <p>Messages name the target, the operation and the status, plus the start of the error the
 * server gave; the configured secrets are masked in them in case a server echoes one back.
 */
final class ItsmHttp {
    private static final int MAX_DETAIL = 300;

    private final String target;
    private final Duration timeout;
    private final List<String> secrets;
    private final HttpClient client;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * @param target  what the messages call the other side, e.g. {@code ServiceNow}
     * @param timeout connect timeout and the response timeout of each request
     * @param secrets values that must never appear in a message (nulls ignored)
     */
    ItsmHttp(String target, Duration timeout, List<String> secrets) {
        this.target = target;
        this.timeout = timeout;
        this.secrets = secrets.stream().filter(Objects::nonNull).toList();
        this.client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** A request with this client's response timeout. */
    HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout);
    }

    /** Sends the request; returns the body of a 2xx answer or throws as the class describes. */
    String send(HttpRequest request, String operation) {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DriftException.Retryable(message(operation + " failed: " + describe(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriftException.Retryable(message(operation + " was interrupted"));
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return response.body();
        }
        String failure = operation + " answered " + status + detail(response.body());
        if (status == 429) {
            String after = response.headers().firstValue("Retry-After").map(String::strip).orElse("unknown");
            throw new DriftException.Retryable(message(failure + " (rate limited, Retry-After: " + after + ")"));
        }
        if (status / 100 == 5 || status == 408) {
            throw new DriftException.Retryable(message(failure));
        }
        throw new DriftException.Terminal(message(failure));
    }

    /** The body of a 2xx answer as JSON; a body that is not JSON is terminal (it will not change on retry). */
    JsonNode json(String body, String operation) {
        try {
            return mapper.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new DriftException.Terminal(message(operation + " answered 2xx with a body that is not JSON"));
        }
    }

    /** A terminal failure about an answer's content, with the secrets masked. */
    DriftException.Terminal terminal(String what) {
        return new DriftException.Terminal(message(what));
    }

    private String message(String text) {
        String masked = target + ": " + text;
        for (String secret : secrets) {
            masked = masked.replace(secret, "****");
        }
        return masked;
    }

    private static String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + " " + e.getMessage();
    }

    /** ServiceNow's {@code error.message} when the body has one, otherwise the start of the body. */
    private String detail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text;
        try {
            JsonNode error = mapper.readTree(body).path("error");
            text = error.path("message").isTextual() ? error.path("message").asText() : body;
        } catch (JsonProcessingException e) {
            text = body;
        }
        text = text.strip().replaceAll("\\s+", " ");
        return ": " + (text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "..." : text);
    }
}
