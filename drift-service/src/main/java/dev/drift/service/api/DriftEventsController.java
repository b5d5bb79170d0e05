package dev.drift.service.api;

import dev.drift.service.actions.ActionLog;
import dev.drift.service.actions.RemediationRequests;
import dev.drift.service.ledger.Acknowledgements;
import dev.drift.service.ledger.DriftEventRecord;
import dev.drift.service.ledger.DriftEventRepository;
import dev.drift.service.ledger.DriftHistoryRepository;
import dev.drift.service.ledger.DriftStatus;
import dev.drift.service.ledger.Severity;
import dev.drift.service.model.Category;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;

/** Read access to the drift ledger. */
@Controller("/drift/events")
class DriftEventsController {
    private static final int MAX_PAGE_SIZE = 500;
    /** Largest offset (page × size) a query can skip; further pages are empty. */
    private static final long MAX_OFFSET = Integer.MAX_VALUE;

    private final DriftEventRepository events;
    private final DriftHistoryRepository history;
    private final Acknowledgements acknowledgements;
    private final ActionLog actions;
    private final RemediationRequests remediations;

    DriftEventsController(DriftEventRepository events, DriftHistoryRepository history,
                          Acknowledgements acknowledgements, ActionLog actions, RemediationRequests remediations) {
        this.events = events;
        this.history = history;
        this.acknowledgements = acknowledgements;
        this.actions = actions;
        this.remediations = remediations;
    }

    /** Drift events matching every given filter, newest first. */
    @Get
    DriftEventPage list(@QueryValue @Nullable String status, @QueryValue @Nullable String ci,
                        @QueryValue @Nullable String category, @QueryValue @Nullable String severity,
                        @QueryValue(defaultValue = "0") int page, @QueryValue(defaultValue = "50") int size) {
        if (page < 0) {
            throw badRequest("page must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw badRequest("size must be between 1 and " + MAX_PAGE_SIZE);
        }
        PredicateSpecification<DriftEventRecord> filter = PredicateSpecification.where(null);
        filter = and(filter, "status", status == null ? null : parse(() -> DriftStatus.fromWire(status).wireName()));
        filter = and(filter, "ciId", ci);
        filter = and(filter, "category", category == null ? null
                : parse(() -> Category.fromWire(checkedCategory(category)).wireName()));
        filter = and(filter, "severity", severity == null ? null : parse(() -> Severity.fromWire(severity).wireName()));
        if ((long) page * size > MAX_OFFSET) {
            // Micronaut Data wraps such an offset around: page 2147483647 of 500 used to give the first page.
            long total = events.count(filter);
            return new DriftEventPage(List.of(), page, size, total, (int) ((total + size - 1) / size));
        }
        Page<DriftEventRecord> result = events.findAll(filter,
                Pageable.from(page, size, Sort.of(Sort.Order.desc("firstDetectedAt"), Sort.Order.asc("id"))));
        return new DriftEventPage(result.getContent().stream().map(DriftEventView::of).toList(), page, size,
                result.getTotalSize(), result.getTotalPages());
    }

    /** One drift event with its history; 404 problem when there is none. */
    @Get("/{id}")
    DriftEventDetail get(@PathVariable UUID id) {
        DriftEventRecord event = events.findById(id)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no drift event " + id));
        return new DriftEventDetail(DriftEventView.of(event),
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
    HttpResponse<RemediateAccepted> remediate(@PathVariable UUID id, @Valid @Body @Nullable RemediateRequest request) {
        RemediateRequest r = request == null ? new RemediateRequest(null, null, null) : request;
        String actor = r.by() == null || r.by().isBlank() ? "api" : r.by().strip();
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
    DriftEventDetail acknowledge(@PathVariable UUID id, @Valid @Body AcknowledgeRequest request) {
        String actor = request.by() == null || request.by().isBlank() ? "api" : request.by().strip();
        return switch (acknowledgements.acknowledge(id, actor, request.comment().strip())) {
            case Acknowledgements.Outcome.Acknowledged a -> get(a.id());
            case Acknowledgements.Outcome.NotFound n ->
                    throw new HttpStatusException(HttpStatus.NOT_FOUND, "no drift event " + n.id());
            case Acknowledgements.Outcome.AlreadyResolved r ->
                    throw new HttpStatusException(HttpStatus.CONFLICT, "drift event " + r.id() + " is resolved");
        };
    }

    private static PredicateSpecification<DriftEventRecord> and(PredicateSpecification<DriftEventRecord> spec,
                                                                String property, String value) {
        if (value == null) {
            return spec;
        }
        PredicateSpecification<DriftEventRecord> equal = (root, cb) -> cb.equal(root.get(property), value);
        return spec.and(equal);
    }

    private static String checkedCategory(String category) {
        for (Category c : Category.values()) {
            if (c.wireName().equals(category)) {
                return category;
            }
        }
        throw new IllegalArgumentException(
                "category must be one of configuration, package, network, state, security, firmware: '" + category + "'");
    }

    private static String parse(java.util.function.Supplier<String> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw badRequest(e.getMessage());
        }
    }

    private static HttpStatusException badRequest(String detail) {
        return new HttpStatusException(HttpStatus.BAD_REQUEST, detail);
    }
}
