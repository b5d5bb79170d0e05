package dev.drift.embedded.netbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Answers one request: records it, applies armed failures, checks the token, then routes it to a list
 * or detail endpoint. MockWebServer calls it from one thread per connection, so it keeps no state of its
 * own beyond the thread-safe parts it is given.
 */
final class NetBoxDispatcher extends Dispatcher {
    private static final Pattern DETAIL = Pattern.compile("(.+/)(\\d+)/");

    private final NetBoxStore store;
    private final List<Endpoint<?>> endpoints;
    private final FailureModes failures;
    private final RequestLog log;
    private final String token;

    NetBoxDispatcher(NetBoxStore store, FailureModes failures, RequestLog log, String token) {
        this.store = store;
        this.endpoints = Endpoints.all(store);
        this.failures = failures;
        this.log = log;
        this.token = token;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        HttpUrl url = asSentTo(request);
        if (url == null) {
            return Responses.json(400, Responses.detail("Malformed request."));
        }
        log.record(url);
        MockResponse response = failures.next().orElseGet(() -> serve(request, url));
        return failures.delayed(response);
    }

    /**
     * The request URL with the host and port of the Host header, from which NetBox (Django) builds its
     * absolute URLs; MockWebServer's own URL may carry a reverse-resolved host name instead.
     */
    private static HttpUrl asSentTo(RecordedRequest request) {
        HttpUrl url = request.getRequestUrl();
        String host = request.getHeader("Host");
        HttpUrl sentTo = host == null ? null : HttpUrl.parse("http://" + host + "/");
        if (url == null || sentTo == null) {
            return url;
        }
        return url.newBuilder().host(sentTo.host()).port(sentTo.port()).build();
    }

    private MockResponse serve(RecordedRequest request, HttpUrl url) {
        Optional<MockResponse> denied = authenticate(request.getHeader("Authorization"));
        if (denied.isPresent()) {
            return denied.get();
        }
        if (!"GET".equals(request.getMethod())) {
            return Responses.json(405, Responses.detail("Method \"" + request.getMethod() + "\" not allowed."));
        }
        String path = url.encodedPath();
        if (!path.startsWith("/api/")) {
            return notFound();
        }
        try {
            return route(path.substring("/api/".length()), url);
        } catch (InvalidFilter e) {
            return Responses.json(400, Map.of(e.parameter(), List.of(e.getMessage())));
        }
    }

    private Optional<MockResponse> authenticate(String header) {
        if (token == null) {
            return Optional.empty();
        }
        if (header == null) {
            return Optional.of(unauthorized("Authentication credentials were not provided."));
        }
        if (!header.equals("Token " + token)) {
            return Optional.of(unauthorized("Invalid token"));
        }
        return Optional.empty();
    }

    private static MockResponse unauthorized(String message) {
        return Responses.json(401, Responses.detail(message)).setHeader("WWW-Authenticate", "Token");
    }

    private MockResponse route(String path, HttpUrl url) {
        String base = url.newBuilder().encodedPath("/").query(null).build().toString();
        ComponentJson json = new ComponentJson(base, store);
        if (path.equals("status/")) {
            return Responses.json(200, status());
        }
        for (Endpoint<?> endpoint : endpoints) {
            if (path.equals(endpoint.path())) {
                Query query = new Query(url);
                return Responses.json(200, Page.of(query).envelope(endpoint.list(query, json), query));
            }
        }
        Matcher detail = DETAIL.matcher(path);
        if (detail.matches()) {
            for (Endpoint<?> endpoint : endpoints) {
                if (detail.group(1).equals(endpoint.path())) {
                    return detail(endpoint, detail.group(2), json);
                }
            }
        }
        return notFound();
    }

    private static MockResponse detail(Endpoint<?> endpoint, String id, ComponentJson json) {
        Optional<Map<String, Object>> found;
        try {
            found = endpoint.detail(Integer.parseInt(id), json);
        } catch (NumberFormatException tooLarge) {
            found = Optional.empty();
        }
        return found.map(body -> Responses.json(200, body))
                .orElseGet(() -> Responses.json(404,
                        Responses.detail("No " + endpoint.model() + " matches the given query.")));
    }

    private static MockResponse notFound() {
        return Responses.json(404, Responses.detail("Not found."));
    }

    private static Map<String, Object> status() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("django-version", "5.1.5");
        json.put("installed-apps", Map.of());
        json.put("netbox-version", "4.2.2");
        json.put("netbox-full-version", "4.2.2");
        json.put("plugins", Map.of());
        json.put("python-version", "3.12.3");
        json.put("rq-workers-running", 1);
        return json;
    }
}
