package dev.drift.service.actions.itsm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.drift.service.actions.ItsmClient;
import dev.drift.service.actions.TicketSpec;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Any ITSM behind a generic, signed webhook ({@code drift.itsm.kind: webhook}).
 *
 * <p>Request: {@code POST <url>} with a JSON body
 * {@code {"kind": "change_request"|"incident", "correlation_id", "ci_id", "ci_name", "short_description",
 * "description", "severity", "link"}} ({@code severity} is {@code info}, {@code warning}, {@code high} or
 * {@code critical}) and the headers
 * <ul>
 *   <li>{@code Idempotency-Key}: the action's key, the same on every attempt;</li>
 *   <li>{@code X-Drift-Timestamp}: when this attempt was signed, in epoch seconds;</li>
 *   <li>{@code X-Drift-Signature}: {@code sha256=<hex>}, the lower-case hex HMAC-SHA256, keyed with the
 *       UTF-8 bytes of {@code drift.itsm.webhook-secret}, of the UTF-8 bytes of
 *       {@code <X-Drift-Timestamp>.<raw request body>}.</li>
 * </ul>
 * A receiver verifies by recomputing the HMAC over the timestamp header, a dot and the body exactly as
 * received, comparing in constant time, and should reject timestamps more than a few minutes off its
 * clock so a captured request cannot be replayed later.
 *
 * <p>Idempotency: a failed attempt is retried with the same body and {@code Idempotency-Key} (newly
 * signed), so the receiver must de-duplicate: answer a request whose {@code Idempotency-Key} or
 * {@code correlation_id} (per {@code kind}) it has already seen with the ticket it created then.
 *
 * <p>Answer: any 2xx; a JSON body {@code {"id": "..."}} gives the ticket id returned, otherwise (no
 * body, no id) the correlation id is returned as the ticket's reference. Failures follow
 * {@link ItsmHttp}: retryable for 5xx, 429, 408, timeouts and connection failures, terminal for other 4xx.
 */
@Singleton
@Requires(property = ItsmProperties.PREFIX + ".kind", value = "webhook")
final class WebhookItsmClient implements ItsmClient {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String TIMESTAMP = "X-Drift-Timestamp";
    static final String SIGNATURE = "X-Drift-Signature";
    private static final String HMAC = "HmacSHA256";

    private final URI url;
    private final SecretKeySpec key;
    private final ItsmHttp http;

    WebhookItsmClient(ItsmProperties properties) {
        this.url = URI.create(properties.url());
        this.key = new SecretKeySpec(properties.webhookSecret().getBytes(StandardCharsets.UTF_8), HMAC);
        this.http = new ItsmHttp("ITSM webhook", properties.timeout(), List.of(properties.webhookSecret()));
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public String openChangeRequest(TicketSpec spec) {
        return post("change_request", spec);
    }

    @Override
    public String openIncident(TicketSpec spec) {
        return post("incident", spec);
    }

    private String post(String kind, TicketSpec spec) {
        String body = body(kind, spec);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String operation = "POST " + kind + " for correlation id " + spec.correlationId();
        HttpRequest request = http.request(url).header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header(IDEMPOTENCY_KEY, spec.idempotencyKey())
                .header(TIMESTAMP, timestamp)
                .header(SIGNATURE, "sha256=" + sign(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return ticketId(http.send(request, operation), spec.correlationId());
    }

    private String body(String kind, TicketSpec spec) {
        return http.mapper().createObjectNode()
                .put("kind", kind)
                .put("correlation_id", spec.correlationId())
                .put("ci_id", spec.ciId())
                .put("ci_name", spec.ciName())
                .put("short_description", spec.shortDescription())
                .put("description", spec.description())
                .put("severity", spec.severity().wireName())
                .put("link", spec.link().toString())
                .toString();
    }

    /** Hex HMAC-SHA256 of {@code <timestamp>.<body>}, as the class describes. */
    private String sign(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The receiver's {@code id}, or the correlation id when it gave none (an id-less answer is still a success). */
    private String ticketId(String body, String correlationId) {
        if (body == null || body.isBlank()) {
            return correlationId;
        }
        JsonNode id;
        try {
            id = http.mapper().readTree(body).path("id");
        } catch (JsonProcessingException e) {
            return correlationId;
        }
        return (id.isTextual() || id.isNumber()) && !id.asText().isBlank() ? id.asText() : correlationId;
    }
}
