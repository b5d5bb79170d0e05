package dev.drift.service.api;

import dev.drift.service.ledger.DriftEventRecord;
import dev.drift.service.model.FieldValueJson;
import dev.drift.service.report.CsvWriter;
import dev.drift.service.report.EventFilter;
import dev.drift.service.report.EventSearch;
import dev.drift.service.report.EventSort;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /drift/events/export?format=json|csv}: every drift event matching the list's filters
 * ({@link EventParams}), in the list's order, in one document. At most
 * {@code drift.api.export-max-rows} events (default 100,000): an export matching more is refused
 * with a 400 problem, so narrow it (e.g. with {@code since}/{@code until}).
 *
 * <p>JSON ({@code application/json}):
 * <pre>{@code
 * {"generated_at": "2025-01-31T12:00:00Z",
 *  "filters": {"status": "open", "ci": null, "ci_type": null, "category": null, "severity": null,
 *              "field": null, "since": null, "until": null, "sort": "-first_detected_at"},
 *  "count": 1,
 *  "events": [ ...each as GET /drift/events lists it... ]}
 * }</pre>
 * CSV ({@code text/csv}, RFC 4180, a header row, CRLF): {@link #CSV_HEADER}; desired and actual
 * as displayed in messages ({@code absent} when absent, list items joined by {@code ", "}).
 */
@Controller("/drift/events/export")
@ExecuteOn(TaskExecutors.BLOCKING)
final class EventExportController {
    static final List<String> CSV_HEADER = List.of("id", "ci_id", "ci_type", "field", "category", "desired",
            "actual", "severity", "status", "first_detected_at", "last_seen_at", "occurrence_count", "resolved_at",
            "resolved_by", "suppressed_by", "actual_source", "actual_observed_at");
    private static final MediaType CSV = MediaType.of("text/csv; charset=utf-8");

    private final EventSearch search;
    private final JsonMapper json;
    private final ApiProperties properties;

    EventExportController(EventSearch search, JsonMapper json, ApiProperties properties) {
        this.search = search;
        this.json = json;
        this.properties = properties;
    }

    @Get
    HttpResponse<byte[]> export(@RequestBean EventParams params, @QueryValue(defaultValue = "json") String format) {
        EventFilter filter = params.filter();
        EventSort sort = params.order();
        return switch (format) {
            case "json" -> HttpResponse.ok(json(filter, sort)).contentType(MediaType.APPLICATION_JSON_TYPE);
            case "csv" -> HttpResponse.ok(csv(filter, sort)).contentType(CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"drift-events.csv\"");
            default -> throw new HttpStatusException(HttpStatus.BAD_REQUEST,
                    "format: must be one of json, csv: '" + format + "'");
        };
    }

    private byte[] json(EventFilter filter, EventSort sort) {
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        int count = JsonBodies.valid(() -> search.export(filter, sort, properties.exportMaxRows(), e -> {
            if (events.size() > 0) {
                events.write(',');
            }
            events.writeBytes(bytes(DriftEventView.of(e)));
        }));
        Map<String, String> filters = new LinkedHashMap<>(filter.wire());
        filters.put("sort", sort.wireName());
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() + 512);
        out.writeBytes(("{\"generated_at\":" + text(Instant.now()) + ",\"filters\":" + text(filters)
                + ",\"count\":" + count + ",\"events\":[").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(events.toByteArray());
        out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private byte[] csv(EventFilter filter, EventSort sort) {
        StringBuilder out = new StringBuilder();
        CsvWriter writer = new CsvWriter(out, CSV_HEADER);
        JsonBodies.valid(() -> search.export(filter, sort, properties.exportMaxRows(), e -> writer.record(row(e))));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> row(DriftEventRecord e) {
        return Arrays.asList(e.id().toString(), e.ciId(), e.ciType(), e.fieldPath(), e.category(),
                display(e.desiredValue()), display(e.actualValue()), e.severity(), e.status(),
                e.firstDetectedAt().toString(), e.lastSeenAt().toString(), Integer.toString(e.occurrenceCount()),
                e.resolvedAt() == null ? null : e.resolvedAt().toString(), e.resolvedBy(), e.suppressedBy(),
                e.actualSource(), e.actualObservedAt().toString());
    }

    private static String display(String jsonValue) {
        return FieldValueJson.fromJsonText(jsonValue == null ? "null" : jsonValue).display();
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String text(Object value) {
        return new String(bytes(value), StandardCharsets.UTF_8);
    }
}
