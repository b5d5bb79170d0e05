package dev.drift.service.security;

import dev.drift.service.system.InvalidInput;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API tokens ({@code /drift/tokens}, admin only, see {@link AccessRules}). A token's value is in the
 * answer to its creation and nowhere else: not in lists, not in logs, not in the database (only its
 * SHA-256). Revoking (DELETE) takes effect at once on this instance and within
 * {@link Authenticator#CACHE_TTL} on others. Off, like all of security, with
 * {@code drift.security.enabled=false}: nobody could be trusted to mint tokens then.
 */
@Controller("/drift/tokens")
@Requires(property = SecurityProperties.PREFIX + ".enabled", notEquals = StringUtils.FALSE)
@ExecuteOn(TaskExecutors.BLOCKING)
final class TokensController {
    private static final Logger LOG = LoggerFactory.getLogger(TokensController.class);

    private final ApiTokenStore store;
    private final Authenticator authenticator;

    TokensController(ApiTokenStore store, Authenticator authenticator) {
        this.store = store;
        this.authenticator = authenticator;
    }

    /** Every token, live and revoked, oldest first. */
    @Get(produces = MediaType.APPLICATION_JSON)
    List<TokenViews.Listed> list() {
        return store.list().stream().map(TokenViews.Listed::of).toList();
    }

    /** 201 with the new token's value; 400 for bad input, 409 for a taken (or reserved) name. */
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<TokenViews.Issued> create(HttpRequest<?> request, @Body byte[] body) {
        TokenRequest wanted = valid(body);
        if (wanted.name().equalsIgnoreCase(Authenticator.BOOTSTRAP_NAME)) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "name " + wanted.name() + " is reserved");
        }
        String creator = Caller.of(request).map(Caller::name).orElse("api");
        String token = TokenValues.generate();
        return switch (store.create(wanted.name(), wanted.role(), TokenValues.hash(token), creator)) {
            case ApiTokenStore.Created.Stored stored -> {
                LOG.info("token {} (role {}) created by {}", wanted.name(), wanted.role().wireName(), creator);
                yield HttpResponse.<TokenViews.Issued>status(HttpStatus.CREATED)
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .body(TokenViews.Issued.of(stored.token(), token));
            }
            case ApiTokenStore.Created.NameTaken taken ->
                    throw new HttpStatusException(HttpStatus.CONFLICT, "name " + taken.name() + " is taken");
        };
    }

    /** Revokes the token: 204, or 404 for an unknown id. Revoking a revoked token is harmless. */
    @Delete("/{id}")
    HttpResponse<Void> revoke(HttpRequest<?> request, @PathVariable UUID id) {
        if (!store.revoke(id)) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "no token " + id);
        }
        authenticator.forgetAll();
        LOG.info("token {} revoked by {}", id, Caller.of(request).map(Caller::name).orElse("api"));
        return HttpResponse.noContent();
    }

    private static TokenRequest valid(byte[] body) {
        try {
            return TokenRequest.read(body);
        } catch (InvalidInput e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }
}
