package dev.drift.service.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.system.InvalidInput;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import java.io.IOException;
import java.util.function.Supplier;

/** Reading JSON request bodies by hand (for strict, member-by-member errors) and turning bad input into 400s. */
final class JsonBodies {
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonBodies() {
    }

    static JsonNode parse(byte[] body) {
        if (body.length > MAX_BODY_BYTES) {
            throw new HttpStatusException(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                    "body: larger than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || json.isMissingNode()) {
                throw new HttpStatusException(HttpStatus.BAD_REQUEST, "body: a JSON object is required");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "body: not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "body: unreadable");
        }
    }

    /** Runs the parse, turning {@link InvalidInput} into a 400 problem. */
    static <T> T valid(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidInput e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }
}
