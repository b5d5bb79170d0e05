package dev.drift.service.suppress;

import dev.drift.service.model.FieldPattern;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks up approved changes in the ITSM ({@link ChangeSource}) every
 * {@code drift.itsm.change-sync-interval} and stores each as a change window over all the CI's
 * fields (an ITSM change does not say which fields it touches), for changes running now or starting
 * within {@code drift.itsm.change-lookahead}. A window that did not change is left alone, so a poll
 * does not re-evaluate CIs for nothing. On by {@code drift.itsm.change-sync=true}.
 */
@Singleton
@Requires(property = "drift.itsm.change-sync", value = "true")
@Requires(beans = ChangeSource.class)
final class ChangeSync {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeSync.class);
    static final String ACTOR = "itsm-sync";

    private final ChangeSource source;
    private final SuppressionStore store;
    private final Duration lookahead;

    ChangeSync(ChangeSource source, SuppressionStore store,
               @Value("${drift.itsm.change-lookahead:1d}") Duration lookahead) {
        this.source = source;
        this.store = store;
        this.lookahead = lookahead;
    }

    @Scheduled(fixedDelay = "${drift.itsm.change-sync-interval:5m}", initialDelay = "1s")
    void sync() {
        Instant now = Instant.now();
        try {
            int stored = 0;
            for (ChangeSource.ApprovedChange change : source.approvedChanges(now, now.plus(lookahead))) {
                if (!change.endsAt().isAfter(change.startsAt())) {
                    LOG.warn("approved change {} of {} ends before it starts; ignored", change.changeId(), change.ci());
                    continue;
                }
                ChangeWindow window = new ChangeWindow(UUID.randomUUID(), change.changeId(), change.ci(),
                        List.of(FieldPattern.of("*")), change.startsAt(), change.endsAt(), "itsm", ACTOR, now);
                if (store.putChangeIfChanged(window)) {
                    stored++;
                }
            }
            if (stored > 0) {
                LOG.info("{} approved changes looked up in the ITSM are new or changed", stored);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not look up approved changes: {}", e.getMessage());
        }
    }
}
