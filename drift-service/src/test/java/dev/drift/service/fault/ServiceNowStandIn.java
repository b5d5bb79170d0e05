package dev.drift.service.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.support.FakeTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * ServiceNow's Table API as far as drift uses it for change requests, on a real HTTP server: a
 * {@code POST} creates a ticket every time, as ServiceNow does (it does not de-duplicate), and a
 * {@code GET} with {@code sysparm_query=correlation_id=<id>} finds the tickets carrying that id. So a
 * duplicate ticket here is a duplicate ticket there.
 */
final class ServiceNowStandIn implements AutoCloseable {
    static final String TABLE = "/api/now/table/change_request";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One ticket created by a POST. */
    record Ticket(String correlationId, String number) {
    }

    private final List<Ticket> tickets = new ArrayList<>();
    private final FakeTarget server = new FakeTarget(this::answer);

    String url() {
        return server.url("/").replaceAll("/$", "");
    }

    /** Every ticket created, in order; the same correlation id twice is a duplicate ticket. */
    synchronized List<Ticket> tickets() {
        return List.copyOf(tickets);
    }

    List<RecordedRequest> requests() {
        return server.requests();
    }

    private MockResponse answer(RecordedRequest request) {
        if (request.getPath() == null || !request.getPath().startsWith(TABLE)) {
            return new MockResponse().setResponseCode(404);
        }
        return switch (request.getMethod()) {
            case "GET" -> find(request.getRequestUrl());
            case "POST" -> create(FakeTarget.body(request));
            default -> new MockResponse().setResponseCode(405);
        };
    }

    private synchronized MockResponse find(HttpUrl url) {
        String query = url.queryParameter("sysparm_query");
        String correlationId = query == null ? "" : query.replaceFirst("^correlation_id=", "");
        Map<String, Object> result = new LinkedHashMap<>();
        List<Map<String, String>> found = tickets.stream().filter(t -> t.correlationId().equals(correlationId))
                .map(t -> Map.of("sys_id", sysId(t), "number", t.number())).toList();
        result.put("result", found.isEmpty() ? List.of() : List.of(found.getFirst()));
        return json(200, result);
    }

    private synchronized MockResponse create(String body) {
        JsonNode ticket;
        try {
            ticket = JSON.readTree(body);
        } catch (IOException e) {
            return new MockResponse().setResponseCode(400);
        }
        Ticket created = new Ticket(ticket.path("correlation_id").asText(), "CHG%07d".formatted(tickets.size() + 1));
        tickets.add(created);
        return json(201, Map.of("result", Map.of("sys_id", sysId(created), "number", created.number())));
    }

    private static String sysId(Ticket t) {
        return "sys-" + t.number();
    }

    private static MockResponse json(int status, Object body) {
        try {
            return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                    .setBody(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
