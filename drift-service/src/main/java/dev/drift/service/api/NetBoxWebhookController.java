package dev.drift.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.actual.ActualStateRepository;
import dev.drift.service.desired.netbox.NetBoxDesiredStateSource;
import dev.drift.service.model.CiKey;
import dev.drift.service.reconcile.ReconcileTrigger;
import dev.drift.service.system.Database;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives NetBox webhooks (event rules on create/update/delete of VMs, devices, interfaces, IP
 * addresses and config contexts). The body must carry a valid {@code X-Hook-Signature}: the hex
 * HMAC-SHA512 of the raw body with the configured secret; anything else is rejected with 401 and
 * changes nothing. A valid hook drops the affected CI's desired state from the cache and
 * reconciles it; a config-context change does so for every CI drift has observed.
 */
@Controller("/drift/webhooks/netbox")
@Requires(property = "drift.desired.source", value = "netbox")
final class NetBoxWebhookController {
    private static final Logger LOG = LoggerFactory.getLogger(NetBoxWebhookController.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NetBoxDesiredStateSource netbox;
    private final ReconcileTrigger trigger;
    private final Database database;
    private final ActualStateRepository actualState;
    private final WebhookSignature signature;

    NetBoxWebhookController(NetBoxDesiredStateSource netbox, ReconcileTrigger trigger, Database database,
                            ActualStateRepository actualState,
                            @Value("${drift.desired.netbox.webhook-secret:}") String secret) {
        this.netbox = netbox;
        this.trigger = trigger;
        this.database = database;
        this.actualState = actualState;
        this.signature = new WebhookSignature(secret);
    }

    /** What was done with a webhook. */
    @io.micronaut.serde.annotation.Serdeable
    record Receipt(String model, String event, List<String> reconciling) {
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<Receipt> receive(@Header("X-Hook-Signature") @Nullable String hookSignature, @Body byte[] body) {
        if (!signature.verifies(body, hookSignature)) {
            throw new HttpStatusException(HttpStatus.UNAUTHORIZED, hookSignature == null
                    ? "X-Hook-Signature header is missing" : "X-Hook-Signature does not match the body");
        }
        JsonNode hook = parse(body);
        String model = hook.path("model").asText("");
        List<CiKey> cis = affectedCis(model, hook.path("data"));
        trigger.request(cis);
        LOG.info("NetBox webhook {} {}: reconciling {}", hook.path("event").asText(""), model, cis);
        return HttpResponse.accepted().body(new Receipt(model, hook.path("event").asText(""),
                cis.stream().map(CiKey::value).toList()));
    }

    private List<CiKey> affectedCis(String model, JsonNode data) {
        if (model.equals("configcontext")) {
            netbox.invalidateAll();
            return observedCis();
        }
        Optional<CiKey> ci = netbox.ciOf(model, data);
        ci.ifPresent(netbox::invalidate);
        return ci.map(List::of).orElse(List.of());
    }

    private List<CiKey> observedCis() {
        return database.read(actualState::observedCis);
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode hook = JSON.readTree(body);
            if (hook == null || !hook.isObject()) {
                throw new HttpStatusException(HttpStatus.BAD_REQUEST, "webhook body must be a JSON object");
            }
            return hook;
        } catch (IOException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "webhook body is not JSON: " + e.getMessage());
        }
    }
}
