package dev.drift.service.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/**
 * Renders every error response of the HTTP server (bad input, unknown route, server fault) as RFC
 * 7807 problem JSON. Details of server faults are not shown to the client: they may hold internals.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        HttpStatus status = base.getStatus();
        String detail = status.getCode() >= 500
                ? "the server failed to handle the request; see the service log"
                : context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        Problem problem = new Problem("about:blank", status.getReason(), status.getCode(),
                detail.isEmpty() ? null : detail, context.getRequest().getPath());
        return base.contentType(Problem.MEDIA_TYPE).body(problem);
    }
}
