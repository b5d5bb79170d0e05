package dev.drift.embedded.netbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;

/** JSON responses with the headers NetBox 4.2 sends. */
final class Responses {
    static final ObjectMapper JSON = new ObjectMapper();

    private Responses() {
    }

    static MockResponse json(int status, Object body) {
        return new MockResponse()
                .setResponseCode(status)
                .setHeader("Content-Type", "application/json")
                .setHeader("API-Version", "4.2")
                .setBody(write(body));
    }

    static Map<String, Object> detail(String message) {
        return Map.of("detail", message);
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not write fake NetBox response", e);
        }
    }
}
