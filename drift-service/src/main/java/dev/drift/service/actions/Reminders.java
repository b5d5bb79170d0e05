package dev.drift.service.actions;

import dev.drift.service.ledger.ActiveDrift;
import dev.drift.service.ledger.CiLocks;
import dev.drift.service.ledger.DriftChanges;
import dev.drift.service.ledger.DriftStatus;
import dev.drift.service.system.Database;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reminds people of drift nobody acknowledged: an {@code open} or {@code escalated} drift whose last
 * announcement on a channel is older than {@code drift.actions.reminder-interval} is announced again
 * there ("Drift still open"). Acknowledged, excepted, expected and resolved drift is never reminded
 * of. Reminders go through the action outbox like any other message; their idempotency key carries
 * the time they were planned, so each round plans each reminder once.
 */
@Singleton
final class Reminders {
    private static final Logger LOG = LoggerFactory.getLogger(Reminders.class);
    private static final int BATCH = 500;

    private final Database database;
    private final ActionQueue queue;
    private final DriftChanges drifts;
    private final Notices notices;
    private final ActionsProperties properties;
    private final ActionNudges nudges;

    Reminders(Database database, ActionQueue queue, DriftChanges drifts, Notices notices,
              ActionsProperties properties, ActionNudges nudges) {
        this.database = database;
        this.queue = queue;
        this.drifts = drifts;
        this.notices = notices;
        this.properties = properties;
        this.nudges = nudges;
    }

    @Scheduled(fixedDelay = "${drift.actions.reminder-check-interval:1m}",
            initialDelay = "${drift.actions.reminder-check-interval:1m}")
    void remind() {
        if (properties.reminderInterval().isZero() || !properties.enabled()) {
            return;
        }
        try {
            int planned = database.write(this::planDue);
            if (planned > 0) {
                LOG.info("{} reminders of unacknowledged drift planned", planned);
                nudges.nudge();
            }
        } catch (RuntimeException e) {
            LOG.warn("could not plan reminders: {}", e.getMessage());
        }
    }

    /** Plans the reminders due now; returns how many. */
    int planDue(Connection c) throws SQLException {
        Map<UUID, List<String>> due = dueChannels(c);
        List<NewAction> reminders = new ArrayList<>();
        Instant now = Instant.now();
        String transition = "reminder-" + now.toEpochMilli();
        for (Map.Entry<UUID, List<String>> e : due.entrySet()) {
            Optional<ActiveDrift> drift = drifts.find(c, e.getKey());
            if (drift.isEmpty()) {
                continue;
            }
            CiLocks.lock(c, List.of(drift.get().ci()));
            ActiveDrift d = drifts.find(c, e.getKey()).orElseThrow();
            if (d.status() != DriftStatus.OPEN && d.status() != DriftStatus.ESCALATED) {
                continue;
            }
            for (String channel : e.getValue()) {
                String key = d.id() + ":" + transition + ":" + channel;
                reminders.add(NewAction.due(d.id(), ActionKind.NOTIFY, channel, transition,
                        NoticeJson.write(notices.of(d, NoticeKind.REMINDER, key, Optional.empty(), now)), now));
            }
        }
        queue.enqueue(c, reminders);
        return reminders.size();
    }

    /** Channels whose last announcement of an open or escalated drift is older than the interval. */
    private Map<UUID, List<String>> dueChannels(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select e.id, a.target from drift_event e
                  join lateral (select target, max(created_at) as last from drift_action
                                 where drift_id = e.id and kind = 'notify' and state in ('pending', 'delivered')
                                 group by target) a on true
                 where e.status in ('open', 'escalated') and a.last < now() - ? * interval '1 millisecond'
                 limit ?""")) {
            ps.setLong(1, properties.reminderInterval().toMillis());
            ps.setInt(2, BATCH);
            Map<UUID, List<String>> due = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            return due;
        }
    }
}
