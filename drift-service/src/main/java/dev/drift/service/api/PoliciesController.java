package dev.drift.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.drift.service.policy.Policy;
import dev.drift.service.policy.PolicyException;
import dev.drift.service.policy.PolicyJson;
import dev.drift.service.policy.PolicyStore;
import dev.drift.service.system.InvalidInput;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import java.net.URI;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Management of drift policies, in the JSON form of {@link PolicyJson}. PATCH takes a JSON merge
 * patch (RFC 7396). Bad input is a 400 problem naming the member, a taken name or deleting the
 * default policy a 409, an unknown id a 404, a body over 64 KiB a 413.
 */
@Controller("/drift/policies")
final class PoliciesController {
    static final int MAX_BODY_BYTES = JsonBodies.MAX_BODY_BYTES;
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PolicyStore policies;

    PoliciesController(PolicyStore policies) {
        this.policies = policies;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    String list() {
        ArrayNode list = JSON.createArrayNode();
        policies.list().forEach(p -> list.add(PolicyJson.write(p)));
        return list.toString();
    }

    @Get(value = "/{id}", produces = MediaType.APPLICATION_JSON)
    String get(@PathVariable UUID id) {
        return handled(() -> PolicyJson.write(policies.find(id).orElseThrow(() -> new PolicyException.NotFound(id))))
                .toString();
    }

    /** 201 with the stored policy and its {@code Location}. */
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> create(@Body byte[] body) {
        Policy created = handled(() -> policies.create(PolicyJson.read(UUID.randomUUID(), parse(body))));
        return HttpResponse.<String>created(URI.create("/drift/policies/" + created.id()))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(PolicyJson.write(created).toString());
    }

    /** Changes only the members the merge patch names. */
    @Patch(value = "/{id}", consumes = {MERGE_PATCH, MediaType.APPLICATION_JSON}, produces = MediaType.APPLICATION_JSON)
    String patch(@PathVariable UUID id, @Body byte[] body) {
        JsonNode patch = parse(body);
        return PolicyJson.write(handled(() -> policies.patch(id, p -> PolicyJson.mergePatch(p, patch)))).toString();
    }

    @Delete("/{id}")
    HttpResponse<Void> delete(@PathVariable UUID id) {
        handled(() -> {
            policies.delete(id);
            return id;
        });
        return HttpResponse.noContent();
    }

    private static JsonNode parse(byte[] body) {
        return JsonBodies.parse(body);
    }

    private static <T> T handled(Supplier<T> action) {
        try {
            return action.get();
        } catch (InvalidInput e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (PolicyException e) {
            HttpStatus status = switch (e) {
                case PolicyException.Invalid invalid -> HttpStatus.BAD_REQUEST;
                case PolicyException.NotFound notFound -> HttpStatus.NOT_FOUND;
                case PolicyException.Conflict conflict -> HttpStatus.CONFLICT;
            };
            throw new HttpStatusException(status, e.getMessage());
        }
    }
}
