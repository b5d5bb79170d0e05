package dev.drift.service.api;

import dev.drift.service.actions.ActionLog;
import dev.drift.service.actions.RemediationRequests;
import dev.drift.service.actual.FileDiffs;
import dev.drift.service.ledger.Acknowledgements;
import dev.drift.service.ledger.DriftEventRecord;
import dev.drift.service.ledger.DriftEventRepository;
import dev.drift.service.ledger.DriftHistoryRepository;
import dev.drift.service.model.CiKey;
import dev.drift.service.model.FieldPath;
import dev.drift.service.report.EventCursor;
import dev.drift.service.report.EventFilter;
import dev.drift.service.report.EventSearch;
import dev.drift.service.report.EventSort;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.validation.Valid;
import java.util.UUID;

/** Read access to the drift ledger. */
@Controller("/drift/events")
class DriftEventsController {
    private static final int MAX_PAGE_SIZE = 500;

    private final DriftEventRepository events;
    private final DriftHistoryRepository history;
    private final Acknowledgements acknowledgements;
    private final ActionLog actions;
    private final RemediationRequests remediations;
    private final FileDiffs fileDiffs;
    private final EventSearch search;
    private final ApiProperties limits;

    DriftEventsController(DriftEventRepository events, DriftHistoryRepository history,
                          Acknowledgements acknowledgements, ActionLog actions, RemediationRequests remediations,
                          FileDiffs fileDiffs, EventSearch search, ApiProperties limits) {
        this.events = events;
        this.limits = limits;
        this.search = search;
        this.history = history;
        this.acknowledgements = acknowledgements;
        this.actions = actions;
        this.remediations = remediations;
        this.fileDiffs = fileDiffs;
    }

    /**
     * Drift events matching every given filter ({@link EventParams}), newest first unless
     * {@code sort} says otherwise. Pages by offset ({@code page}) or, with a {@code cursor} from a
     * previous page's {@code next_cursor}, by keyset (then {@code page} must be 0): a keyset page
     * neither repeats nor skips events when new ones arrive. {@code total} counts the matches up to
     * {@code drift.api.count-limit}; {@code total_exact} says whether more match.
     */
    @Get
    DriftEventPage list(@RequestBean EventParams params, @QueryValue @Nullable String cursor,
                        @QueryValue(defaultValue = "0") int page, @QueryValue(defaultValue = "50") int size) {
        if (page < 0) {
            throw badRequest("page must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw badRequest("size must be between 1 and " + MAX_PAGE_SIZE);
        }
        if (cursor != null && page != 0) {
            throw badRequest("page must be 0 with a cursor: the cursor says where the page starts");
        }
        EventFilter filter = params.filter();
        EventSort sort = params.order();
        EventCursor after = cursor == null ? null : JsonBodies.valid(() -> EventCursor.decode(cursor, sort));
        EventSearch.Page result = search.page(filter, sort, after, (long) page * size, size, limits.countLimit());
        return new DriftEventPage(result.events().stream().map(DriftEventView::of).toList(), page, size,
                result.total(), result.totalExact(), (int) ((result.total() + size - 1) / size), result.nextCursor());
    }

    /** One drift event with its history; 404 problem when there is none. */
    @Get("/{id}")
    DriftEventDetail get(@PathVariable UUID id) {
        DriftEventRecord event = events.findById(id)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no drift event " + id));
        FileDiffView diff = fileDiffs.forField(CiKey.of(event.ciId()), FieldPath.parse(event.fieldPath()))
                .map(FileDiffView::of).orElse(null);
        return new DriftEventDetail(DriftEventView.of(event), diff,
                history.findByDriftIdOrderById(id).stream().map(HistoryView::of).toList(),
                actions.forDrift(id).stream().map(ActionView::of).toList());
    }

    /**
     * Remediates the drift with its policy's remediation (asking is approval), or dry-runs it
     * ({@code dry_run}: check mode with diff, output stored on the event's action). 202 with the
     * action's key; 404 for an unknown id; 409 when the drift is resolved, excepted or expected, or
     * its policy has no remediation.
     */
    @Post("/{id}/remediate")
    HttpResponse<RemediateAccepted> remediate(HttpRequest<?> http, @PathVariable UUID id,
                                              @Valid @Body @Nullable RemediateRequest request) {
        RemediateRequest r = request == null ? new RemediateRequest(null, null, null) : request;
        String actor = Actors.of(http, r.by());
        boolean dryRun = Boolean.TRUE.equals(r.dryRun());
        return switch (remediations.request(id, dryRun, actor, r.comment() == null ? "" : r.comment().strip())) {
            case RemediationRequests.Outcome.Accepted a ->
                    HttpResponse.accepted().body(new RemediateAccepted(a.driftId(), a.actionKey(), a.dryRun()));
            case RemediationRequests.Outcome.NotFound n ->
                    throw new HttpStatusException(HttpStatus.NOT_FOUND, "no drift event " + n.driftId());
            case RemediationRequests.Outcome.Refused refused ->
                    throw new HttpStatusException(HttpStatus.CONFLICT, refused.reason());
        };
    }

    /**
     * Acknowledges an open or escalated drift: repeat notifications stop, resolution is still
     * announced. 404 for an unknown id, 409 for a resolved drift; acknowledging twice is harmless.
     */
    @Post("/{id}/acknowledge")
    DriftEventDetail acknowledge(HttpRequest<?> http, @PathVariable UUID id, @Valid @Body AcknowledgeRequest request) {
        String actor = Actors.of(http, request.by());
        return switch (acknowledgements.acknowledge(id, actor, request.comment().strip())) {
            case Acknowledgements.Outcome.Acknowledged a -> get(a.id());
            case Acknowledgements.Outcome.NotFound n ->
                    throw new HttpStatusException(HttpStatus.NOT_FOUND, "no drift event " + n.id());
            case Acknowledgements.Outcome.AlreadyResolved r ->
                    throw new HttpStatusException(HttpStatus.CONFLICT, "drift event " + r.id() + " is resolved");
        };
    }

    private static HttpStatusException badRequest(String detail) {
        return new HttpStatusException(HttpStatus.BAD_REQUEST, detail);
    }
}
