package dev.drift.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsExpiryProbeTest {
    @TempDir
    Path dir;

    private static Path pem() throws URISyntaxException {
        return Path.of(TlsExpiryProbeTest.class.getResource("/probe/web-01.pem").toURI());
    }

    private static Instant notAfter() throws Exception {
        try (InputStream in = Files.newInputStream(pem())) {
            return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in))
                    .getNotAfter().toInstant();
        }
    }

    private static ProbeResult runAt(Instant now) throws URISyntaxException {
        return new TlsExpiryProbe("443", pem(), 14, Clock.fixed(now, ZoneOffset.UTC)).run();
    }

    @Test
    void aCertificateWithTimeLeftIsOk() throws Exception {
        ProbeResult r = runAt(notAfter().minus(Duration.ofDays(30)).minusSeconds(60));

        assertThat(r.check()).isEqualTo("tls:443");
        assertThat(r.status()).isEqualTo(ProbeResult.Status.OK);
        assertThat(r.measurements()).containsEntry("days_left", 30L).containsEntry("not_after", notAfter().toString());
    }

    @Test
    void aCertificateExpiringWithinTheBoundIsDrift() throws Exception {
        ProbeResult r = runAt(notAfter().minus(Duration.ofDays(10)).minusSeconds(3600));

        assertThat(r.status()).isEqualTo(ProbeResult.Status.DRIFT);
        assertThat(r.measurements()).containsEntry("days_left", 10L);
    }

    @Test
    void anExpiredCertificateHasNegativeDaysLeft() throws Exception {
        ProbeResult r = runAt(notAfter().plus(Duration.ofDays(2)));

        assertThat(r.status()).isEqualTo(ProbeResult.Status.DRIFT);
        assertThat(r.measurements()).containsEntry("days_left", -2L);
    }

    @Test
    void aFileWithoutACertificateCannotBeJudgedAndItsContentIsNotRepeated() throws IOException {
        Path key = Files.writeString(dir.resolve("server.key"),
                "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END PRIVATE KEY-----\n");
        TlsExpiryProbe probe = new TlsExpiryProbe("web", key, 14, Clock.systemUTC());

        assertThatThrownBy(probe::run).isInstanceOf(ProbeFailure.class).hasMessageContaining("holds no X.509 certificate")
                .hasMessageNotContaining("c2VjcmV0");
    }

    @Test
    void aMissingFileCannotBeJudged() {
        TlsExpiryProbe probe = new TlsExpiryProbe("web", dir.resolve("none.pem"), 14, Clock.systemUTC());

        assertThatThrownBy(probe::run).isInstanceOf(ProbeFailure.class).hasMessageContaining("cannot read");
    }
}
