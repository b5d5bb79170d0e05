package dev.drift.service.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.system.InvalidInput;
import dev.drift.service.system.JsonMembers;
import java.io.IOException;
import java.util.Set;

/**
 * Body of {@code POST /drift/tokens}: {@code {"name": "...", "role": "viewer|operator|admin"}}, read
 * strictly (unknown members are errors, as everywhere in the API).
 *
 * @param name unique, 1 to {@value #MAX_NAME_LENGTH} characters, leading and trailing blanks dropped
 */
record TokenRequest(String name, Role role) {
    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_BODY_BYTES = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The request in the body; {@link InvalidInput} naming the member at fault otherwise. */
    static TokenRequest read(byte[] body) {
        JsonMembers members = JsonMembers.of(parse(body), "", Set.of("name", "role"));
        String name = members.requiredText("name").strip();
        if (name.isEmpty()) {
            throw new InvalidInput("name", "must not be blank");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidInput("name", "must be at most " + MAX_NAME_LENGTH + " characters");
        }
        Role role = members.enumerated("role", Role::fromWire)
                .orElseThrow(() -> new InvalidInput("role", "is required"));
        return new TokenRequest(name, role);
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidInput("body", "a JSON object is required");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new InvalidInput("body", "larger than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidInput("body", "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInput("body", "unreadable");
        }
    }
}
