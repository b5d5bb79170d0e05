package dev.drift.agent.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.agent.RecordingSink;
import dev.drift.agent.baseline.BaselineStore;
import dev.drift.agent.baseline.FileStateReader;
import dev.drift.agent.config.AgentConfig;
import dev.drift.agent.config.PathPatterns;
import dev.drift.agent.config.WatchTarget;
import dev.drift.agent.event.EventSink;
import dev.drift.agent.event.OutboundEvent;
import dev.drift.agent.redact.SensitiveFiles;
import dev.drift.agent.watch.WatchScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Comparison with the baseline, without a watcher: each call reconciles what is on disk now. */
class ChangeDetectorTest {
    private static final Instant NOW = Instant.parse("2026-12-06T01:00:00Z");

    @TempDir
    Path tmp;
    private Path hosts;
    private final RecordingSink recording = new RecordingSink();
    private final FlakySink sink = new FlakySink(recording);
    private ChangeDetector detector;

    @BeforeEach
    void detector() throws IOException {
        hosts = Files.writeString(tmp.resolve("hosts"), "127.0.0.1 localhost\n");
        WatchScope scope = new WatchScope(List.of(new WatchTarget(hosts, false)), PathPatterns.of(AgentConfig.DEFAULT_IGNORE));
        FileStateReader reader = new FileStateReader(new SensitiveFiles(PathPatterns.of(AgentConfig.DEFAULT_SENSITIVE)), 1024);
        detector = new ChangeDetector("node-1", scope, reader, BaselineStore.open(tmp.resolve("state")), sink,
                Clock.fixed(NOW, ZoneOffset.UTC));
        detector.changed(hosts);
        recording.clear();
    }

    @Test
    void aSecondLookAtAnUnchangedFilePublishesNothing() throws IOException {
        Files.setLastModifiedTime(hosts, FileTime.from(NOW));

        detector.changed(hosts);

        assertThat(recording.payloads()).isEmpty();
    }

    @Test
    void onlyAttributeChangesAreAttributesAndContentChangesAreModifications() throws IOException {
        Files.setPosixFilePermissions(hosts, PosixFilePermissions.fromString("rw-------"));
        detector.changed(hosts);
        Files.writeString(hosts, "127.0.0.1 localhost db\n");
        detector.changed(hosts);

        assertThat(recording.changesOf(hosts)).containsExactly("attributes", "modified");
        assertThat(recording.about(hosts).get(1).path("diff").asText()).isEqualTo("""
                --- a%1$s
                +++ b%1$s
                @@ -1,1 +1,1 @@
                -127.0.0.1 localhost
                +127.0.0.1 localhost db
                """.formatted(hosts));
        assertThat(recording.about(hosts).get(1).path("observed_at").asText()).isEqualTo("2026-12-06T01:00:00Z");
    }

    @Test
    void aChangeThatCouldNotBePublishedIsReportedOnTheNextLook() throws IOException {
        Files.writeString(hosts, "10.0.0.1 a\n");
        sink.full = true;
        detector.changed(hosts);
        sink.full = false;

        detector.changed(hosts);

        assertThat(recording.changesOf(hosts)).containsExactly("modified");
    }

    /** Refuses events while full, as the spool does at its bound. */
    private static final class FlakySink implements EventSink {
        private final EventSink delegate;
        private boolean full;

        FlakySink(EventSink delegate) {
            this.delegate = delegate;
        }

        @Override
        public void publish(OutboundEvent event) {
            if (full) {
                throw new SinkFullException("spool at its bound");
            }
            delegate.publish(event);
        }

        @Override
        public long pending() {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}
