package dev.drift.service.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.drift.service.model.CiKey;
import dev.drift.service.suppress.ChangeWindow;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * Approved change windows ({@code /drift/changes}), pushed by the ITSM workflow: during a window,
 * drift of the CI's listed fields is {@code expected}; when it closes, whatever still differs
 * from desired opens as drift. Posting a change id again replaces its window.
 */
@Controller("/drift/changes")
final class ChangesController {
    private final SuppressionStore store;

    ChangesController(SuppressionStore store) {
        this.store = store;
    }

    /** Windows that have not ended (all with {@code include_ended=true}), of one CI when {@code ci} is given. */
    @Get(produces = MediaType.APPLICATION_JSON)
    String list(@QueryValue @Nullable String ci,
                @QueryValue(value = "include_ended", defaultValue = "false") boolean includeEnded) {
        Optional<CiKey> key = ci == null ? Optional.empty() : Optional.of(JsonBodies.valid(() -> parseCi(ci)));
        Instant now = Instant.now();
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        store.listChanges(key, includeEnded).forEach(w -> list.add(SuppressionJson.write(w, now)));
        return list.toString();
    }

    /** 201 with the stored window. */
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> put(@Body byte[] body, HttpRequest<?> http,
            @Header(value = "X-Drift-Actor") @Nullable String claimedActor) {
        String actor = Actors.of(http, claimedActor);
        Instant now = Instant.now();
        ChangeWindow window = JsonBodies.valid(() -> SuppressionJson.readChange(JsonBodies.parse(body), actor, now));
        ChangeWindow stored = store.putChange(window);
        return HttpResponse.<String>created(URI.create("/drift/changes?ci="
                        + URLEncoder.encode(stored.ci().value(), StandardCharsets.UTF_8)))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(SuppressionJson.write(stored, now).toString());
    }

    /** 204, or 404; a change id with a NUL cannot have been stored (PostgreSQL text cannot hold one). */
    @Delete("/{changeId}")
    HttpResponse<Void> delete(@PathVariable String changeId) {
        if (changeId.indexOf('\0') >= 0 || !store.deleteChange(changeId)) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "no change " + changeId);
        }
        return HttpResponse.noContent();
    }

    private static CiKey parseCi(String ci) {
        try {
            return CiKey.of(ci);
        } catch (IllegalArgumentException e) {
            throw new dev.drift.service.system.InvalidInput("ci", e.getMessage());
        }
    }
}
