package dev.drift.service.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.service.model.ActualState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The packs in {@code deploy/packs/} are what operators start from; they must load cleanly. */
class ShippedPacksTest {
    private static final Path SHIPPED = Path.of("../deploy/packs");
    private static final Instant NOW = Instant.parse("2024-05-14T12:00:00Z");
    private static final String SSHD = "file[/etc/ssh/sshd_config]";

    private final PackCatalog catalog = new PackLoader(SHIPPED, Clock.systemUTC()).catalog();

    @Test
    void shippedPacksLoadWithoutProblems() {
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.packs()).containsOnlyKeys("base-linux", "ssh-hardening");
        assertThat(catalog.pack("ssh-hardening").orElseThrow().items()).hasSizeBetween(10, 20);
        assertThat(catalog.pack("base-linux").orElseThrow().items()).hasSizeGreaterThanOrEqualTo(10);
    }

    /** The Ubuntu 22.04 defaults the agent example reports: root login and X11 forwarding allowed. */
    @Test
    void sshHardeningFindsTheWeakSettingsOfAStockUbuntuConfig() {
        ActualState stock = Facts.observedAt(NOW.minus(Duration.ofHours(2)))
                .text("package[openssh-server].version", "1:8.9p1-3ubuntu0.10").covers("package[")
                .text("service[ssh].state", "running").text("service[ssh].enabled", "true").covers("service[")
                .text(SSHD + ".mode", "0644").text(SSHD + ".owner", "root")
                .text(SSHD + ".setting[PermitRootLogin]", "yes").text(SSHD + ".setting[X11Forwarding]", "yes")
                .text(SSHD + ".setting[UsePAM]", "yes").covers(SSHD + ".setting[")
                .state();

        PackVerdict verdict = new PackEvaluator().evaluate(catalog.pack("ssh-hardening").orElseThrow(), stock, NOW,
                Duration.ofHours(26));

        assertThat(verdict).isInstanceOfSatisfying(PackVerdict.NonCompliant.class, v -> assertThat(v.mismatches())
                .extracting(Mismatch::itemId).containsExactly("no-root-login", "no-password-auth",
                        "no-x11-forwarding", "max-auth-tries", "login-grace-time", "client-alive-interval",
                        "client-alive-count-max", "strong-ciphers"));
    }
}
