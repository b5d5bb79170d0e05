package dev.drift.embedded.netbox;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;

/** Every request the fake received, in arrival order, with a count per path. */
final class RequestLog {
    private final Queue<String> requests = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> perPath = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    void record(HttpUrl url) {
        String query = url.encodedQuery();
        requests.add(url.encodedPath() + (query == null ? "" : "?" + query));
        perPath.computeIfAbsent(url.encodedPath(), p -> new AtomicInteger()).incrementAndGet();
        total.incrementAndGet();
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    int count(String path) {
        AtomicInteger count = perPath.get(path);
        return count == null ? 0 : count.get();
    }

    int total() {
        return total.get();
    }

    void clear() {
        requests.clear();
        perPath.clear();
        total.set(0);
    }
}
