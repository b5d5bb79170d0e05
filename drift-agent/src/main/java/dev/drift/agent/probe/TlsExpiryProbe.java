package dev.drift.agent.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TLS certificate does not expire within N days: the first certificate of a PEM (or DER) file,
 * parsed in Java. Measurements {@code days_left} (whole days, negative once expired) and
 * {@code not_after}. Only certificates are read; the file's other content is never reported.
 */
final class TlsExpiryProbe implements Probe {
    private static final ProbeInfo INFO = new ProbeInfo("high", "RB-TLS-RENEW", List.of("PCI DSS 4.2.1"));

    private final String label;
    private final Path certificate;
    private final int minDays;
    private final Clock clock;

    TlsExpiryProbe(String label, Path certificate, int minDays, Clock clock) {
        this.label = label;
        this.certificate = certificate;
        this.minDays = minDays;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "tls:" + label;
    }

    @Override
    public ProbeInfo info() {
        return INFO;
    }

    @Override
    public List<String> measurementNames() {
        return List.of("days_left", "not_after");
    }

    @Override
    public ProbeResult run() {
        X509Certificate cert = read();
        Instant notAfter = cert.getNotAfter().toInstant();
        long daysLeft = Math.floorDiv(Duration.between(clock.instant(), notAfter).toSeconds(), 86_400L);
        Map<String, Object> measured = new LinkedHashMap<>();
        measured.put("days_left", daysLeft);
        measured.put("not_after", notAfter.toString());
        String seen = certificate + " expires " + notAfter + " (" + daysLeft + " days left, bound " + minDays + ")";
        return daysLeft >= minDays ? ProbeResult.ok(name(), seen, measured) : ProbeResult.drift(name(), seen, measured);
    }

    private X509Certificate read() {
        try (InputStream in = Files.newInputStream(certificate)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new ProbeFailure("cannot read " + certificate + ": " + e.getMessage(), e);
        } catch (CertificateException | ClassCastException e) {
            throw new ProbeFailure(certificate + " holds no X.509 certificate", e);
        }
    }
}
