package dev.drift.service.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.util.StringUtils;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the API ({@link AccessRules#guards}): every request needs {@code Authorization: Bearer
 * <token>} of a live token whose role covers the request ({@link AccessRules#required}), within the
 * token's rate limit. A request without a usable token gets 401 with {@code WWW-Authenticate:
 * Bearer}, one over the rate 429 with {@code Retry-After} (seconds), one whose role is too low 403,
 * all as problem JSON. A request that passes carries its {@link Caller} as a request attribute.
 *
 * <p>It matches every path and decides itself which are guarded, so that no spelling of a path
 * the router accepts can slip past a pattern. Token values are never logged. Runs on the blocking
 * executor: a token lookup may read the database.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = SecurityProperties.PREFIX + ".enabled", notEquals = StringUtils.FALSE)
final class BearerTokenFilter implements Ordered {
    private static final Logger LOG = LoggerFactory.getLogger(BearerTokenFilter.class);
    private static final String BEARER = "Bearer ";
    private static final String CHALLENGE = "Bearer realm=\"drift\"";

    private final Authenticator authenticator;
    private final RateLimits rateLimits;
    private final ErrorResponseProcessor<?> problems;

    BearerTokenFilter(Authenticator authenticator, RateLimits rateLimits, ErrorResponseProcessor<?> problems) {
        this.authenticator = authenticator;
        this.rateLimits = rateLimits;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order();
    }

    /** Null lets the request through; a response refuses it. */
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> guard(HttpRequest<?> request) {
        if (!AccessRules.guards(request.getPath())) {
            return null;
        }
        Optional<String> token = bearerToken(request);
        Optional<Caller> caller = token.flatMap(authenticator::authenticate);
        if (caller.isEmpty()) {
            return unauthorized(request, token.isPresent());
        }
        Optional<Duration> retryAfter = rateLimits.retryAfter(caller.get());
        if (retryAfter.isPresent()) {
            return tooManyRequests(request, caller.get(), retryAfter.get());
        }
        Role required = AccessRules.required(request.getMethod(), request.getPath());
        if (!caller.get().role().covers(required)) {
            return forbidden(request, caller.get(), required);
        }
        request.setAttribute(Caller.ATTRIBUTE, caller.get());
        return null;
    }

    private static Optional<String> bearerToken(HttpRequest<?> request) {
        return request.getHeaders().getAuthorization()
                .filter(value -> value.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(value -> value.substring(BEARER.length()).strip());
    }

    private MutableHttpResponse<?> unauthorized(HttpRequest<?> request, boolean tokenGiven) {
        LOG.debug("{} {}: {} bearer token", request.getMethod(), request.getPath(), tokenGiven ? "unknown" : "no");
        String challenge = tokenGiven ? CHALLENGE + ", error=\"invalid_token\"" : CHALLENGE;
        String detail = tokenGiven ? "the bearer token is unknown or revoked"
                : "a bearer token is required (Authorization: Bearer <token>)";
        return problem(request, HttpResponse.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge), detail);
    }

    private MutableHttpResponse<?> tooManyRequests(HttpRequest<?> request, Caller caller, Duration retryAfter) {
        LOG.debug("{} {}: token {} is over its rate limit", request.getMethod(), request.getPath(), caller.name());
        return problem(request, HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                        .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds())),
                "token " + caller.name() + " is over its rate limit; retry after " + retryAfter.toSeconds() + " s");
    }

    private MutableHttpResponse<?> forbidden(HttpRequest<?> request, Caller caller, Role required) {
        LOG.info("{} {}: refused to token {} (role {}, needs {})", request.getMethod(), request.getPath(),
                caller.name(), caller.role().wireName(), required.wireName());
        return problem(request, HttpResponse.status(HttpStatus.FORBIDDEN), "role " + required.wireName()
                + " is required; token " + caller.name() + " has role " + caller.role().wireName());
    }

    private MutableHttpResponse<?> problem(HttpRequest<?> request, MutableHttpResponse<?> response, String detail) {
        return problems.processResponse(ErrorContext.builder(request).errorMessage(detail).build(), response);
    }
}
