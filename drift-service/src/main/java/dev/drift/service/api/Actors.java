package dev.drift.service.api;

import dev.drift.service.security.Caller;
import io.micronaut.http.HttpRequest;

/**
 * Who a mutation is recorded as (in the drift history, as an exception's or change's creator): the
 * name of the API token that made the request. Only with security switched off is the name the
 * client claims ({@code by}, {@code X-Drift-Actor}) taken, and {@code api} when it claims none.
 */
final class Actors {
    static final String ANONYMOUS = "api";

    private Actors() {
    }

    static String of(HttpRequest<?> request, String claimed) {
        return Caller.of(request).map(Caller::name)
                .orElse(claimed == null || claimed.isBlank() ? ANONYMOUS : claimed.strip());
    }
}
