package dev.drift.service.desired.netbox;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A real HTTP server standing in for NetBox: routes match a path and the query parameters that
 * must be present; unmatched requests get an empty page. {@link #down(boolean)} makes every
 * request fail with 503. Counts requests per path.
 */
final class FakeNetBox implements AutoCloseable {
    private record Route(String path, String[] query, Function<RecordedRequest, MockResponse> answer) {
        boolean matches(RecordedRequest request) {
            if (!path.equals(request.getRequestUrl().encodedPath())) {
                return false;
            }
            for (String pair : query) {
                String[] kv = pair.split("=", 2);
                if (!kv[1].equals(request.getRequestUrl().queryParameter(kv[0]))) {
                    return false;
                }
            }
            return true;
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final CopyOnWriteArrayList<Route> routes = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicBoolean down = new AtomicBoolean();

    FakeNetBox() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                calls.computeIfAbsent(request.getRequestUrl().encodedPath(), k -> new AtomicInteger()).incrementAndGet();
                if (down.get()) {
                    return new MockResponse().setResponseCode(503).setBody("{\"detail\": \"maintenance\"}");
                }
                for (Route route : routes) {
                    if (route.matches(request)) {
                        return route.answer().apply(request);
                    }
                }
                return json(NetBoxFixtures.empty());
            }
        });
        server.start();
    }

    /** Answers requests to {@code path} having every {@code name=value} in {@code query} (newest route first). */
    FakeNetBox on(String path, String[] query, Function<RecordedRequest, MockResponse> answer) {
        routes.add(0, new Route(path, query, answer));
        return this;
    }

    FakeNetBox on(String path, String[] query, String body) {
        return on(path, query, r -> json(body));
    }

    static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    static String[] q(String... pairs) {
        return pairs;
    }

    void down(boolean value) {
        down.set(value);
    }

    int calls(String path) {
        AtomicInteger n = calls.get(path);
        return n == null ? 0 : n.get();
    }

    int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    String url() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}
