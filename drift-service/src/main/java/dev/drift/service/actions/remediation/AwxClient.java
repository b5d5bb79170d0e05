package dev.drift.service.actions.remediation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.system.DriftException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;

/**
 * The few AWX API v2 calls a remediation needs. Every failure is a {@link DriftException}: 429, 5xx and
 * I/O errors (timeouts included) are {@link DriftException.Retryable}, any other non-2xx answer is
 * {@link DriftException.Terminal}. Messages name the call and status, never the token.
 */
final class AwxClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_BODY = 500;

    private final AwxProperties properties;
    private final HttpClient http;

    AwxClient(AwxProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    }

    /** A launched job: its id, and the launch fields AWX ignored because the template does not prompt for them. */
    record Launched(String jobId, Set<String> ignoredFields) {
    }

    /** {@code POST /api/v2/job_templates/{id}/launch/}. */
    Launched launch(int templateId, JsonNode body) {
        String what = "launch of job template " + templateId;
        HttpResponse<String> response = send(post("/api/v2/job_templates/" + templateId + "/launch/", body), what);
        if (response.statusCode() == 400) {
            throw new DriftException.Terminal("AWX refused the " + what + " (400): the template probably does not"
                    + " prompt on launch for limit, variables or job type; enable 'Prompt on launch' for them."
                    + " AWX said: "
                    + excerpt(response.body()));
        }
        JsonNode answer = parse(ok(response, what), what);
        JsonNode id = answer.hasNonNull("job") ? answer.get("job") : answer.get("id");
        if (id == null || !id.canConvertToLong()) {
            throw new DriftException.Terminal("AWX answered the " + what + " without a job id");
        }
        Set<String> ignored = new HashSet<>();
        answer.path("ignored_fields").fieldNames().forEachRemaining(ignored::add);
        return new Launched(id.asText(), Set.copyOf(ignored));
    }

    /** The {@code status} of a job: new, pending, waiting, running, successful, failed, error or canceled. */
    String status(String jobId) {
        String what = "status of job " + jobId;
        return parse(ok(send(get("/api/v2/jobs/" + jobId + "/"), what), what), what).path("status").asText("");
    }

    /** The job's plain-text output. */
    String stdout(String jobId) {
        String what = "stdout of job " + jobId;
        return ok(send(get("/api/v2/jobs/" + jobId + "/stdout/?format=txt"), what), what);
    }

    /** Asks AWX to cancel a job; AWX answers 405 when the job cannot be canceled any more. */
    void cancel(String jobId) {
        String what = "cancel of job " + jobId;
        ok(send(post("/api/v2/jobs/" + jobId + "/cancel/", JSON.createObjectNode()), what), what);
    }

    @Override
    public void close() {
        http.close();
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest post(String path, JsonNode body) {
        try {
            return request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        } catch (JsonProcessingException e) {
            throw new DriftException.Terminal("could not write an AWX request body", e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(properties.url() + path))
                .timeout(properties.timeout())
                .header("Authorization", "Bearer " + properties.token())
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DriftException.Retryable("AWX " + what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriftException.Retryable("interrupted during AWX " + what, e);
        }
    }

    private static String ok(HttpResponse<String> response, String what) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        String message = "AWX answered " + status + " to the " + what + ": " + excerpt(response.body());
        if (status == 429 || status >= 500) {
            throw new DriftException.Retryable(message);
        }
        throw new DriftException.Terminal(switch (status) {
            case 401, 403 -> "AWX rejected the token (" + status + ") for the " + what;
            case 404 -> "AWX has no such resource (404) for the " + what;
            default -> message;
        });
    }

    private static JsonNode parse(String body, String what) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new DriftException.Terminal("AWX answered the " + what + " with something other than JSON", e);
        }
    }

    private static String excerpt(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() <= MAX_ERROR_BODY ? text : text.substring(0, MAX_ERROR_BODY) + "...";
    }
}
