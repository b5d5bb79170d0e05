package dev.drift.service.system;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The production log pattern ({@code logback.xml}) prints the CI and drift only when they are set. */
class LogPatternTest {
    private static final UUID DRIFT = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

    @Test
    void printsCiAndDriftWhenSet() {
        try (LogContext log = LogContext.drift("web-01", DRIFT)) {
            assertThat(format("escalated")).contains(" ci=web-01 drift_id=" + DRIFT + " - escalated");
        }
    }

    @Test
    void printsNothingExtraWhenUnset() {
        assertThat(format("idle")).doesNotContain("ci=").doesNotContain("drift_id=").contains("Reconciler - idle");
    }

    @Test
    void closingRestoresTheOuterContext() {
        try (LogContext outer = LogContext.ci("web-01")) {
            try (LogContext inner = LogContext.ci("web-02")) {
                assertThat(format("x")).contains(" ci=web-02 ");
            }
            assertThat(format("x")).contains(" ci=web-01 ");
        }
        assertThat(format("x")).doesNotContain("ci=");
    }

    private static String format(String message) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(productionPattern());
        layout.start();
        LoggingEvent event = new LoggingEvent("test", context.getLogger("dev.drift.service.reconcile.Reconciler"),
                Level.INFO, message, null, null);
        return layout.doLayout(event);
    }

    private static String productionPattern() {
        try (InputStream in = LogPatternTest.class.getResourceAsStream("/logback.xml")) {
            Matcher m = Pattern.compile("<pattern>(.*)</pattern>").matcher(new String(in.readAllBytes(),
                    StandardCharsets.UTF_8));
            assertThat(m.find()).isTrue();
            return m.group(1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
