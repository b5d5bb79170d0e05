package dev.drift.service.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A real HTTP server standing in for Slack, ServiceNow or AWX in integration tests: it records every
 * request and answers with scripted responses first (to inject 5xx and timeouts), then with what
 * {@code answer} says.
 */
public final class FakeTarget implements AutoCloseable {
    private final MockWebServer server = new MockWebServer();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Deque<MockResponse> scripted = new ArrayDeque<>();
    private volatile Function<RecordedRequest, MockResponse> answer;

    public FakeTarget(Function<RecordedRequest, MockResponse> answer) {
        this.answer = answer;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                synchronized (scripted) {
                    if (!scripted.isEmpty()) {
                        return scripted.poll();
                    }
                }
                return FakeTarget.this.answer.apply(request);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A base URL of the server, ending in {@code /}. */
    public String url(String path) {
        return server.url(path).toString();
    }

    /** The next requests get these responses, in order, before {@code answer} applies again. */
    public void script(MockResponse... responses) {
        synchronized (scripted) {
            scripted.addAll(List.of(responses));
        }
    }

    public void answer(Function<RecordedRequest, MockResponse> answer) {
        this.answer = answer;
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Requests whose body contains the text. */
    public List<RecordedRequest> requestsMentioning(String text) {
        return requests.stream().filter(r -> r.getBody().clone().readUtf8().contains(text)).toList();
    }

    public static String body(RecordedRequest r) {
        return r.getBody().clone().readUtf8();
    }

    @Override
    public void close() {
        try {
            server.shutdown();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
