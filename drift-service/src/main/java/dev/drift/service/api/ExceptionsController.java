package dev.drift.service.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.drift.service.suppress.DriftExceptionRule;
import dev.drift.service.suppress.SuppressionJson;
import dev.drift.service.suppress.SuppressionStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * Approved deviations ({@code /drift/exceptions}): matching drift is recorded {@code excepted},
 * neither alerted nor remediated, until the exception expires or is revoked (DELETE), when the
 * drift it covered is re-evaluated. The creator is the API token's name (see {@link Actors}).
 */
@Controller("/drift/exceptions")
final class ExceptionsController {
    private final SuppressionStore store;

    ExceptionsController(SuppressionStore store) {
        this.store = store;
    }

    /** Live exceptions, newest first; {@code include_ended=true} adds expired and revoked ones. */
    @Get(produces = MediaType.APPLICATION_JSON)
    String list(@QueryValue(value = "include_ended", defaultValue = "false") boolean includeEnded) {
        Instant now = Instant.now();
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        store.listExceptions(includeEnded).forEach(e -> list.add(SuppressionJson.write(e, now)));
        return list.toString();
    }

    @Get(value = "/{id}", produces = MediaType.APPLICATION_JSON)
    String get(@PathVariable UUID id) {
        return SuppressionJson.write(store.findException(id).orElseThrow(() -> notFound(id)), Instant.now()).toString();
    }

    /** 201 with the stored exception and its {@code Location}. */
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> create(@Body byte[] body, HttpRequest<?> http,
            @Header(value = "X-Drift-Actor") @Nullable String claimedActor) {
        String actor = Actors.of(http, claimedActor);
        Instant now = Instant.now();
        DriftExceptionRule rule = JsonBodies.valid(() -> SuppressionJson.readException(JsonBodies.parse(body),
                actor, now));
        DriftExceptionRule stored = store.createException(rule);
        return HttpResponse.<String>created(URI.create("/drift/exceptions/" + stored.id()))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(SuppressionJson.write(stored, now).toString());
    }

    /** Revokes the exception (it stays listed with {@code revoked_at}); 204, or 404. */
    @Delete("/{id}")
    HttpResponse<Void> revoke(@PathVariable UUID id) {
        store.revokeException(id).orElseThrow(() -> notFound(id));
        return HttpResponse.noContent();
    }

    private static HttpStatusException notFound(UUID id) {
        return new HttpStatusException(HttpStatus.NOT_FOUND, "no exception " + id);
    }
}
