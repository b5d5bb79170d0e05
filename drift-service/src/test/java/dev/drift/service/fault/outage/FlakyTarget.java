package dev.drift.service.fault.outage;

import dev.drift.service.support.FakeTarget;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A Slack or ITSM stand-in (a real HTTP server) that answers 500 to everything while {@link #down()}
 * and otherwise what {@code answer} says; it keeps the requests it answered with a 2xx, which are
 * the deliveries that count.
 */
final class FlakyTarget implements AutoCloseable {
    private final FakeTarget server;
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    FlakyTarget(Function<RecordedRequest, MockResponse> answer) {
        server = new FakeTarget(request -> {
            if (down) {
                return new MockResponse().setResponseCode(500).setBody("{\"error\":\"injected outage\"}");
            }
            MockResponse response = answer.apply(request);
            if (response.getStatus().contains(" 2")) {
                delivered.add(request.getMethod() + " " + request.getPath() + " " + FakeTarget.body(request));
            }
            return response;
        });
    }

    String url(String path) {
        return server.url(path);
    }

    void down() {
        down = true;
    }

    void up() {
        down = false;
    }

    /** Requests answered with a 2xx whose method, path or body mentions the text. */
    long deliveredMentioning(String text) {
        return delivered.stream().filter(d -> d.contains(text)).count();
    }

    /** Every request received whose body mentions the text, answered or failed. */
    long receivedMentioning(String text) {
        return server.requestsMentioning(text).size();
    }

    @Override
    public void close() {
        server.close();
    }
}
