package dev.drift.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.api.AbuseRequests.Probe;
import dev.drift.service.api.Contract.Operation;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sends {@link Probe}s over real HTTP ({@code java.net.http}, so that bodies, content types and
 * headers go out byte for byte as generated) and judges each answer: never a 5xx, never a 429 (the
 * tests raise the rate limit so that abuse reaches the handlers), every 4xx an RFC 7807 problem
 * ({@code application/problem+json} with the answer's {@code status} and a {@code title}), and the
 * status the probe demands when it demands one. Collects failures instead of stopping at the first.
 */
final class AbuseClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN_FAILURES = 60;
    private static final int SLOWEST = 5;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String base;
    private final Set<Operation> abused = new TreeSet<>();
    private final List<String> reconnects = new ArrayList<>();
    private String previous = "none";

    /** One answer: status, content type as sent ("" when none), body as UTF-8 text. */
    record Answer(int status, String contentType, String body, String connection) {
    }

    /** What a batch of probes got: how many went out, the statuses they got, and what went wrong. */
    record Result(int sent, Map<Integer, Integer> statuses, List<String> failures, List<String> resent,
                  Duration took, List<String> slowest) {
        /** The failures, the first {@value #SHOWN_FAILURES} of them in full, with the seed to repeat the run. */
        String report(long seed) {
            StringBuilder report = new StringBuilder(failures.size() + " of " + sent + " probes failed (seed " + seed
                    + ", repeat with -Ddrift.abuse.seed=" + seed + "):");
            failures.stream().limit(SHOWN_FAILURES).forEach(f -> report.append("\n  ").append(f));
            if (failures.size() > SHOWN_FAILURES) {
                report.append("\n  ... and ").append(failures.size() - SHOWN_FAILURES).append(" more");
            }
            return report.toString();
        }

        @Override
        public String toString() {
            return sent + " probes in " + took.toMillis() + " ms, " + failures.size() + " failed; statuses "
                    + statuses + "; resent on a new connection " + resent + "; slowest " + slowest;
        }
    }

    AbuseClient(URI server) {
        this.base = server.toString().replaceFirst("/$", "");
    }

    /** Sends every probe and judges its answer. */
    Result sendAll(List<Probe> probes) {
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        TreeMap<Long, String> slowest = new TreeMap<>();
        long start = System.nanoTime();
        for (Probe probe : probes) {
            abused.add(probe.operation());
            long sent = System.nanoTime();
            sendAndJudge(probe, statuses).ifPresent(failures::add);
            slowest.put((System.nanoTime() - sent) / 1_000_000, probe.kind() + " " + probe.method() + " "
                    + probe.operation().path());
            if (slowest.size() > SLOWEST) {
                slowest.pollFirstEntry();
            }
        }
        List<String> resent = List.copyOf(reconnects);
        reconnects.clear();
        return new Result(probes.size(), statuses, failures, resent, Duration.ofNanos(System.nanoTime() - start),
                slowest.descendingMap().entrySet().stream().map(e -> e.getKey() + " ms " + e.getValue()).toList());
    }

    /** Sends a plain request (setup and observation), failing at once on an error of the client. */
    Answer send(String method, String target, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + target))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
                .header("Authorization", authorization);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return answer(request.build());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + target + ": no answer", e);
        }
    }

    Set<Operation> abused() {
        return new TreeSet<>(abused);
    }

    private Optional<String> sendAndJudge(Probe probe, Map<Integer, Integer> statuses) {
        Answer answer;
        try {
            answer = exchange(probe);
        } catch (IOException e) {
            return Optional.of(probe + " -> no answer, twice: " + e + "; previous: " + previous);
        } catch (IllegalArgumentException e) {
            return Optional.of(probe + " -> not sent: " + e);
        }
        previous = probe.kind() + " " + probe.method() + " -> " + answer.status() + " connection=" + answer.connection();
        statuses.merge(answer.status(), 1, Integer::sum);
        return verdict(probe, answer).map(why -> probe + " -> " + answer.status() + " " + answer.contentType() + " "
                + AbuseRequests.abbreviated(answer.body()) + ": " + why);
    }

    /**
     * Sends the probe, a second time on a new connection when the first found its connection closed:
     * after a 413 for a request line over Netty's limit the server closes the connection without
     * saying {@code Connection: close}, and {@code java.net.http} resends only idempotent requests
     * by itself. No answer on a new connection either is a failure.
     */
    private Answer exchange(Probe probe) throws IOException {
        try {
            return answer(request(probe));
        } catch (IOException first) {
            reconnects.add(probe.kind() + " " + probe.method() + " after " + previous);
            return answer(request(probe));
        }
    }

    private HttpRequest request(Probe probe) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + probe.target()))
                .timeout(Duration.ofSeconds(60))
                .method(probe.method(), probe.body().length == 0 && !probe.headers().containsKey("Content-Type")
                        ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(probe.body()));
        probe.headers().forEach(request::header);
        return request.build();
    }

    /** Why the answer is wrong for the probe; empty when it is right. */
    static Optional<String> verdict(Probe probe, Answer answer) {
        if (answer.status() >= 500) {
            return Optional.of("a server error");
        }
        if (!probe.expected().isEmpty() && !probe.expected().contains(answer.status())) {
            return Optional.of("must be refused with " + probe.expected());
        }
        if (answer.status() == 429) {
            return Optional.of("rate limited, though the limit is raised so that abuse reaches the handlers");
        }
        if (answer.status() >= 400) {
            return problem(answer);
        }
        return Optional.empty();
    }

    private static Optional<String> problem(Answer answer) {
        if (!answer.contentType().startsWith("application/problem+json")) {
            return Optional.of("an error that is not application/problem+json");
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(answer.body());
        } catch (IOException e) {
            return Optional.of("problem JSON that does not parse");
        }
        if (problem == null || problem.path("status").asInt() != answer.status()) {
            return Optional.of("a problem whose status is not the answer's");
        }
        if (!problem.path("title").isTextual() || problem.path("title").asText().isBlank()) {
            return Optional.of("a problem without a title");
        }
        return Optional.empty();
    }

    private Answer answer(HttpRequest request) throws IOException {
        try {
            var response = http.send(request, BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    new String(response.body(), StandardCharsets.UTF_8),
                    response.headers().firstValue("Connection").orElse(""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
