package dev.drift.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private static final byte[] BODY = "{\"event\":\"updated\",\"model\":\"virtualmachine\"}".getBytes(StandardCharsets.UTF_8);
    // python3 -c 'import hmac,hashlib;print(hmac.new(b"s3cret", b"{\"event\":\"updated\",\"model\":\"virtualmachine\"}", hashlib.sha512).hexdigest())'
    private static final String EXPECTED = "5c7ce95acdbcee5ae82e3a19ac35c6baeedcf05584f20b34a3ad18d4042ca62fcfec49ed0b0a50735858f0e376064de5209dced571c2286ce112b1149c1c5ba3";

    @Test
    void acceptsNetBoxsHexHmacSha512OfTheRawBody() {
        assertThat(new WebhookSignature("s3cret").verifies(BODY, EXPECTED)).isTrue();
        assertThat(new WebhookSignature("s3cret").verifies(BODY, EXPECTED.toUpperCase())).isTrue();
    }

    @Test
    void rejectsAnotherSecretATamperedBodyAndAMissingSignature() {
        assertThat(new WebhookSignature("other").verifies(BODY, EXPECTED)).isFalse();
        byte[] tampered = BODY.clone();
        tampered[2] = 'E';
        assertThat(new WebhookSignature("s3cret").verifies(tampered, EXPECTED)).isFalse();
        assertThat(new WebhookSignature("s3cret").verifies(BODY, null)).isFalse();
    }

    @Test
    void verifiesNothingWithoutAConfiguredSecret() {
        assertThat(new WebhookSignature("").verifies(BODY, EXPECTED)).isFalse();
    }
}
