package dev.drift.service.actions.itsm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.actions.ItsmClient;
import dev.drift.service.actions.TicketSpec;
import dev.drift.service.ledger.Severity;
import dev.drift.service.model.CiKey;
import dev.drift.service.suppress.ChangeSource;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ServiceNow through its Table API ({@code drift.itsm.kind: servicenow}).
 *
 * <p>Idempotency: a ticket carries the spec's correlation id in {@code correlation_id} (and
 * {@code correlation_display: drift}). Each call first asks
 * {@code GET /api/now/table/<table>?sysparm_query=correlation_id=<id>&sysparm_fields=sys_id,number&sysparm_limit=1}
 * and returns the {@code number} of a ticket found; only when there is none does it
 * {@code POST /api/now/table/<table>}. A retry after a failed or unanswered POST therefore finds the
 * ticket that POST may have created. Two concurrent calls for the same correlation id could still both
 * create one: the dispatcher must not run the same action twice at once.
 *
 * <p>Fields of a new ticket: {@code short_description}, {@code description} (with the drift link),
 * {@code correlation_id}, {@code correlation_display}, {@code impact} and {@code urgency} from the
 * severity (see {@link Priority}), {@code cmdb_ci} = the CI name (ServiceNow resolves a reference given
 * by name to the CI of that display name), {@code assignment_group} when configured, and for a change
 * request {@code type: normal}.
 *
 * <p>Failures follow {@link ItsmHttp}: retryable for 5xx, 429, 408, timeouts and connection failures;
 * terminal for other 4xx and for a 2xx answer without a ticket number.
 */
@Singleton
@Requires(property = ItsmProperties.PREFIX + ".kind", value = "servicenow")
final class ServiceNowClient implements ItsmClient, ChangeSource {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceNowClient.class);
    private static final String TABLE_API = "/api/now/table/";
    private static final DateTimeFormatter SN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final ItsmProperties properties;
    private final String authorization;
    private final ItsmHttp http;

    ServiceNowClient(ItsmProperties properties) {
        this.properties = properties;
        String basic = properties.usesToken() ? null : Base64.getEncoder().encodeToString(
                (properties.username() + ":" + properties.password()).getBytes(StandardCharsets.UTF_8));
        this.authorization = properties.usesToken() ? "Bearer " + properties.token() : "Basic " + basic;
        this.http = new ItsmHttp("ServiceNow", properties.timeout(),
                Arrays.asList(properties.password(), properties.token(), basic));
    }

    /**
     * How a drift's severity sets a ticket's impact and urgency (1 high, 2 medium, 3 low), chosen so
     * that ServiceNow's default priority matrix gives critical P1, high P2, warning P3 and info P5.
     */
    record Priority(int impact, int urgency) {
        static Priority of(Severity severity) {
            return switch (severity) {
                case CRITICAL -> new Priority(1, 1);
                case HIGH -> new Priority(2, 1);
                case WARNING -> new Priority(2, 2);
                case INFO -> new Priority(3, 3);
            };
        }
    }

    @Override
    public String name() {
        return "servicenow";
    }

    @Override
    public String openChangeRequest(TicketSpec spec) {
        ObjectNode body = ticket(spec);
        body.put("type", "normal");
        return open(properties.changeTable(), spec.correlationId(), body);
    }

    @Override
    public String openIncident(TicketSpec spec) {
        return open(properties.incidentTable(), spec.correlationId(), ticket(spec));
    }

    private String open(String table, String correlationId, ObjectNode body) {
        Optional<String> existing = find(table, correlationId);
        if (existing.isPresent()) {
            LOG.debug("ServiceNow {} {} already exists for correlation id {}", table, existing.get(), correlationId);
            return existing.get();
        }
        String number = create(table, body);
        LOG.info("Opened ServiceNow {} {} for correlation id {}", table, number, correlationId);
        return number;
    }

    /**
     * Approved changes with a CI whose planned window overlaps {@code [from, to)}:
     * {@code approval=approved^start_date<to^end_date>from} on the change table, the CI by name
     * ({@code cmdb_ci.name}). Times are the Table API's values, which are UTC.
     */
    @Override
    public List<ApprovedChange> approvedChanges(Instant from, Instant to) {
        String operation = "GET approved " + properties.changeTable() + " records";
        String query = "approval=approved^cmdb_ciISNOTEMPTY^start_date<" + SN_TIME.format(to)
                + "^end_date>" + SN_TIME.format(from);
        URI uri = URI.create(properties.url() + TABLE_API + properties.changeTable() + "?sysparm_query=" + encode(query)
                + "&sysparm_fields=" + encode("number,cmdb_ci.name,start_date,end_date") + "&sysparm_limit=1000");
        HttpRequest request = http.request(uri).header("Accept", "application/json")
                .header("Authorization", authorization).GET().build();
        JsonNode result = http.json(http.send(request, operation), operation).path("result");
        List<ApprovedChange> changes = new ArrayList<>();
        for (JsonNode change : result) {
            try {
                changes.add(new ApprovedChange(change.path("number").asText(),
                        CiKey.of(change.path("cmdb_ci.name").asText()),
                        LocalDateTime.parse(change.path("start_date").asText(), SN_TIME).toInstant(ZoneOffset.UTC),
                        LocalDateTime.parse(change.path("end_date").asText(), SN_TIME).toInstant(ZoneOffset.UTC)));
            } catch (RuntimeException e) {
                LOG.warn("ServiceNow change {} skipped: {}", change.path("number").asText("?"), e.getMessage());
            }
        }
        return changes;
    }

    /** The number of the ticket carrying this correlation id, if there is one. */
    private Optional<String> find(String table, String correlationId) {
        String operation = "GET " + table + " by correlation id " + correlationId;
        URI uri = URI.create(properties.url() + TABLE_API + table + "?sysparm_query="
                + encode("correlation_id=" + queryValue(correlationId)) + "&sysparm_fields=" + encode("sys_id,number")
                + "&sysparm_limit=1");
        HttpRequest request = http.request(uri).header("Accept", "application/json")
                .header("Authorization", authorization).GET().build();
        JsonNode result = http.json(http.send(request, operation), operation).path("result");
        if (!result.isArray()) {
            throw http.terminal(operation + " answered 2xx without a result list");
        }
        if (result.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(number(result.get(0), operation));
    }

    /** Creates the ticket; returns its number. */
    private String create(String table, ObjectNode body) {
        String operation = "POST " + table + " for correlation id " + body.path("correlation_id").asText();
        HttpRequest request = http.request(URI.create(properties.url() + TABLE_API + table))
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        return number(http.json(http.send(request, operation), operation).path("result"), operation);
    }

    private String number(JsonNode record, String operation) {
        String number = record.path("number").asText("");
        if (number.isBlank()) {
            throw http.terminal(operation + " answered 2xx without a ticket number");
        }
        return number;
    }

    private ObjectNode ticket(TicketSpec spec) {
        Priority priority = Priority.of(spec.severity());
        ObjectNode body = http.mapper().createObjectNode()
                .put("short_description", spec.shortDescription())
                .put("description", withLink(spec))
                .put("correlation_id", spec.correlationId())
                .put("correlation_display", "drift")
                .put("impact", Integer.toString(priority.impact()))
                .put("urgency", Integer.toString(priority.urgency()))
                .put("cmdb_ci", spec.ciName());
        if (properties.assignmentGroup() != null) {
            body.put("assignment_group", properties.assignmentGroup());
        }
        return body;
    }

    private static String withLink(TicketSpec spec) {
        String link = spec.link().toString();
        return spec.description().contains(link) ? spec.description()
                : spec.description() + "\n\nDrift details: " + link;
    }

    /**
     * An encoded query has no escaping: {@code ^} separates conditions. Drift's correlation ids (a UUID,
     * optionally {@code :escalated}) never contain one; anything else would query the wrong tickets.
     */
    private String queryValue(String correlationId) {
        if (correlationId.isBlank() || correlationId.contains("^") || correlationId.contains("\n")) {
            throw http.terminal("correlation id '" + correlationId + "' cannot be used in an encoded query");
        }
        return correlationId;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
