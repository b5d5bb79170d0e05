package dev.drift.service.api;

import dev.drift.service.report.DesiredStateUnavailable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * A 503 problem whose detail says that desired state could not be read, and why: unlike other
 * server errors (see {@link ProblemErrorResponseProcessor}) the client can act on it by retrying.
 */
@Produces(Problem.MEDIA_TYPE)
@Singleton
final class DesiredStateUnavailableHandler
        implements ExceptionHandler<DesiredStateUnavailable, HttpResponse<Problem>> {
    private static final String RETRY_AFTER_SECONDS = "30";

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, DesiredStateUnavailable exception) {
        HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
        return HttpResponse.<Problem>status(status)
                .contentType(Problem.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(new Problem("about:blank", status.getReason(), status.getCode(), exception.getMessage(),
                        request.getPath()));
    }
}
