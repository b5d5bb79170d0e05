package dev.drift.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Reads {@code /drift/events} like any API client would and prints it as a table. */
final class DriftTable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final String token;

    /** {@code token}: the bearer token the API asks for. */
    DriftTable(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    JsonNode events(String query) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/drift/events?" + query))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /drift/events answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("items");
    }

    /** POSTs a JSON body to an API path; returns the status code and fails on anything but 2xx. */
    int post(String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.statusCode();
    }

    void print(PrintStream out, String query) throws IOException, InterruptedException {
        String format = "  %-11s %-52s %-16s %-16s %-9s %-8s %s%n";
        out.printf(format, "CI", "FIELD", "DESIRED", "ACTUAL", "SEVERITY", "STATUS", "RESOLVED BY");
        for (JsonNode e : events(query)) {
            out.printf(format, e.path("ci_id").asText(), e.path("field").asText(), text(e.get("desired")),
                    text(e.get("actual")), e.path("severity").asText(), e.path("status").asText(),
                    e.path("resolved_by").asText(""));
        }
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return "absent";
        }
        String s = value.isTextual() ? value.asText() : value.toString();
        return s.length() > 16 ? s.substring(0, 13) + "..." : s;
    }
}
