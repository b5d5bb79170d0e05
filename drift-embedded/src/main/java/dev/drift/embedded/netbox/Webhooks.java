package dev.drift.embedded.netbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What NetBox sends to a webhook receiver: the JSON payload and its X-Hook-Signature. */
final class Webhooks {
    private static final Set<String> EVENTS = Set.of("created", "updated", "deleted");
    private static final DateTimeFormatter PYTHON_ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private Webhooks() {
    }

    /** Lower-case hex HMAC-SHA512 of the body keyed with the secret's UTF-8 bytes, as NetBox computes it. */
    static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 is required of every JDK", e);
        }
    }

    static String body(String event, String model, Map<String, Object> data, Map<String, Object> prechange,
                       Map<String, Object> postchange) {
        if (!EVENTS.contains(event)) {
            throw new IllegalArgumentException("event must be one of " + EVENTS + ": " + event);
        }
        Map<String, Object> snapshots = new LinkedHashMap<>();
        snapshots.put("prechange", prechange);
        snapshots.put("postchange", postchange);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", event);
        payload.put("timestamp", PYTHON_ISO.format(OffsetDateTime.now(ZoneOffset.UTC)));
        payload.put("model", model);
        payload.put("username", "admin");
        payload.put("request_id", UUID.randomUUID().toString());
        payload.put("data", data);
        payload.put("snapshots", snapshots);
        return Responses.write(payload);
    }
}
